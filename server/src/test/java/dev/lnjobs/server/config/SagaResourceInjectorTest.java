package dev.lnjobs.server.config;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A saga's autowired fields get the singletons once looked up, and what it cannot plan goes to Spring's injector. */
class SagaResourceInjectorTest {

    static class Saga {
        @Autowired
        private transient Clock clock;
        @Autowired
        private transient AtomicInteger counter;
        private String state = "kept";
    }

    static class LaterSaga extends Saga {
        @Autowired
        private transient StringBuilder notes;
    }

    static class QualifiedSaga {
        @Autowired
        @Qualifier("second")
        private transient String name;
        @Autowired
        private transient Optional<Clock> clock;
    }

    static class ResourceSaga {
        @Autowired
        private transient Clock clock;
        @jakarta.annotation.Resource
        private transient AtomicInteger counter;
    }

    @Test
    void a_saga_injected_by_another_annotation_is_left_to_spring_which_sets_every_field() {
        try (AnnotationConfigApplicationContext context = context()) {
            ResourceSaga saga = new ResourceSaga();
            new SagaResourceInjector(context).injectResources(saga);
            assertThat(saga.clock).isSameAs(context.getBean(Clock.class));
            assertThat(saga.counter).isSameAs(context.getBean(AtomicInteger.class));
        }
    }

    @Test
    void plain_autowired_fields_get_the_singletons_and_other_fields_are_left_alone() {
        try (AnnotationConfigApplicationContext context = context()) {
            SagaResourceInjector injector = new SagaResourceInjector(context);
            LaterSaga first = new LaterSaga();
            LaterSaga second = new LaterSaga();
            injector.injectResources(first);
            injector.injectResources(second);

            assertThat(first.notes).isSameAs(second.notes).isSameAs(context.getBean(StringBuilder.class));
            assertThat(((Saga) first).clock).isSameAs(context.getBean(Clock.class));
            assertThat(((Saga) second).counter).isSameAs(context.getBean(AtomicInteger.class));
            assertThat(((Saga) first).state).isEqualTo("kept");
        }
    }

    @Test
    void a_saga_with_a_qualifier_or_a_generic_field_is_injected_by_spring() {
        try (AnnotationConfigApplicationContext context = context()) {
            QualifiedSaga saga = new QualifiedSaga();
            new SagaResourceInjector(context).injectResources(saga);
            assertThat(saga.name).isEqualTo("two");
            assertThat(saga.clock).contains(context.getBean(Clock.class));
        }
    }

    private static AnnotationConfigApplicationContext context() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(Clock.class, Clock::systemUTC);
        context.registerBean(AtomicInteger.class, () -> new AtomicInteger());
        context.registerBean(StringBuilder.class, () -> new StringBuilder());
        context.registerBean("first", String.class, () -> "one");
        context.registerBean("second", String.class, () -> "two");
        context.refresh();
        return context;
    }
}
