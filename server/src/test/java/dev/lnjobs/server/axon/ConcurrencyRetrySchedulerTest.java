package dev.lnjobs.server.axon;

import dev.lnjobs.api.job.JobRuleViolation;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyRetrySchedulerTest {

    record Ping(String id) {
    }

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private final ConcurrencyRetryScheduler scheduler =
            new ConcurrencyRetryScheduler(5, Duration.ofMillis(100), executor);

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void schedules_the_first_retry_within_the_first_fifth_of_the_delay_bound() {
        // Minutes instead of milliseconds, so that the task is still waiting when the test looks at it.
        ConcurrencyRetryScheduler slow = new ConcurrencyRetryScheduler(5, Duration.ofMinutes(10), executor);

        boolean retried = slow.scheduleRetry(command(), conflict(), failures(1), () -> { });

        assertThat(retried).isTrue();
        assertThat(executor.getQueue()).singleElement().satisfies(task ->
                assertThat(((ScheduledFuture<?>) task).getDelay(TimeUnit.SECONDS)).isBetween(55L, 120L));
    }

    @Test
    void finds_the_conflict_anywhere_in_the_cause_chain() {
        RuntimeException wrapped = new IllegalStateException("commit failed", conflict());

        assertThat(scheduler.scheduleRetry(command(), wrapped, failures(1), () -> { })).isTrue();
    }

    @Test
    void never_retries_a_rule_violation() {
        assertThat(scheduler.scheduleRetry(command(), new JobRuleViolation("job is complete"), failures(1),
                () -> { })).isFalse();
        assertThat(executor.getQueue()).isEmpty();
    }

    @Test
    void never_retries_a_second_creation_with_the_same_id() {
        RuntimeException duplicateCreation = new AggregateStreamCreationException("sequence 0 exists");

        assertThat(scheduler.scheduleRetry(command(), duplicateCreation, failures(1), () -> { })).isFalse();
    }

    @Test
    void stops_after_five_retries() {
        assertThat(scheduler.scheduleRetry(command(), conflict(), failures(5), () -> { })).isTrue();
        assertThat(scheduler.scheduleRetry(command(), conflict(), failures(6), () -> { })).isFalse();
    }

    @Test
    void leaves_a_conflict_inside_a_handler_to_the_handler_s_processor() {
        UnitOfWork<?> sagaUnitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            assertThat(scheduler.scheduleRetry(command(), conflict(), failures(1), () -> { })).isFalse();
        } finally {
            sagaUnitOfWork.rollback();
        }
    }

    @Test
    void delays_stay_within_the_bound_and_grow_with_the_attempt() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            long delay = scheduler.delayMillis(attempt);
            assertThat(delay).isBetween(attempt * 10L, 100L);
        }
    }

    @Test
    void the_gateway_answers_with_the_result_of_the_attempt_that_won() {
        AtomicInteger attempts = new AtomicInteger();
        CommandGateway gateway = gatewayAnswering(() -> {
            if (attempts.incrementAndGet() <= 2) {
                throw conflict();
            }
            return "recorded";
        });

        Object result = gateway.sendAndWait(new Ping("job-1"));

        assertThat(result).isEqualTo("recorded");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void the_gateway_gives_up_after_five_retries_with_the_conflict() {
        AtomicInteger attempts = new AtomicInteger();
        CommandGateway gateway = gatewayAnswering(() -> {
            attempts.incrementAndGet();
            throw conflict();
        });

        assertThatThrownBy(() -> gateway.sendAndWait(new Ping("job-1"))).isInstanceOf(ConcurrencyException.class);
        assertThat(attempts).hasValue(6);
    }

    @Test
    void the_gateway_sends_a_rule_violation_once() {
        AtomicInteger attempts = new AtomicInteger();
        CommandGateway gateway = gatewayAnswering(() -> {
            attempts.incrementAndGet();
            throw new JobRuleViolation("job is complete");
        });

        assertThatThrownBy(() -> gateway.sendAndWait(new Ping("job-1"))).isInstanceOf(JobRuleViolation.class);
        assertThat(attempts).hasValue(1);
    }

    private CommandGateway gatewayAnswering(Supplier<Object> handler) {
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        commandBus.subscribe(Ping.class.getName(), message -> handler.get());
        ConcurrencyRetryScheduler fast = new ConcurrencyRetryScheduler(5, Duration.ofMillis(5), executor);
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(fast).build();
    }

    private static GenericCommandMessage<Ping> command() {
        return new GenericCommandMessage<>(new Ping("job-1"));
    }

    private static ConcurrencyException conflict() {
        return new ConcurrencyException("an event for aggregate job-1 at sequence 3 was already inserted");
    }

    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failures.add(new Class[]{ConcurrencyException.class});
        }
        return failures;
    }
}
