package dev.lnjobs.server.config;

import org.axonframework.modelling.saga.ResourceInjector;
import org.axonframework.spring.saga.SpringResourceInjector;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets a saga's {@code @Autowired} fields from beans looked up once per saga type. Axon's {@link
 * SpringResourceInjector} has Spring autowire every saga instance it creates or loads, resolving each field's
 * dependency by type each time: 2 % of the server's CPU under the benchmark's load. The sagas here take singletons
 * in plain {@code @Autowired} fields; a saga type with anything else (a qualifier, {@code @Value}, a generic or
 * optional field, an autowired method, {@code @Inject} or {@code @Resource}, a field type with no single singleton
 * bean) is left to Spring's injector.
 */
@Component
class SagaResourceInjector implements ResourceInjector {

    private static final Set<String> OTHER_INJECTIONS = Set.of("jakarta.inject.Inject", "javax.inject.Inject",
            "jakarta.annotation.Resource", "javax.annotation.Resource");

    private final ListableBeanFactory beans;
    private final SpringResourceInjector spring;
    private final Map<Class<?>, Optional<List<Injection>>> plans = new ConcurrentHashMap<>();

    /** A field and the bean it gets. */
    private record Injection(Field field, Object bean) {
    }

    SagaResourceInjector(ApplicationContext context) {
        this.beans = context;
        this.spring = new SpringResourceInjector();
        spring.setApplicationContext(context);
    }

    @Override
    public void injectResources(Object saga) {
        Optional<List<Injection>> plan = plans.computeIfAbsent(saga.getClass(), this::plan);
        if (plan.isEmpty()) {
            spring.injectResources(saga);
            return;
        }
        try {
            for (Injection injection : plan.get()) {
                injection.field().set(saga, injection.bean());
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot inject " + saga.getClass().getName(), e);
        }
    }

    /** The injections of a saga type, or empty if Spring's injector must do it. */
    private Optional<List<Injection>> plan(Class<?> type) {
        List<Injection> injections = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Autowired.class) || injectedOtherwise(method)) {
                    return Optional.empty();
                }
            }
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(Value.class) || injectedOtherwise(field)) {
                    return Optional.empty();
                }
                if (!field.isAnnotationPresent(Autowired.class)) {
                    continue;
                }
                Optional<Object> bean = singleton(field);
                if (bean.isEmpty()) {
                    return Optional.empty();
                }
                field.setAccessible(true);
                injections.add(new Injection(field, bean.get()));
            }
        }
        return Optional.of(List.copyOf(injections));
    }

    /** Whether Spring would inject it by another annotation (JSR-330's or JSR-250's), which the plan does not read. */
    private static boolean injectedOtherwise(AnnotatedElement element) {
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            if (OTHER_INJECTIONS.contains(annotation.annotationType().getName())) {
                return true;
            }
        }
        return false;
    }

    private Optional<Object> singleton(Field field) {
        if (field.isAnnotationPresent(Qualifier.class) || Modifier.isStatic(field.getModifiers())
                || Modifier.isFinal(field.getModifiers()) || field.getGenericType() instanceof ParameterizedType) {
            return Optional.empty();
        }
        String[] names = beans.getBeanNamesForType(field.getType());
        if (names.length != 1 || !beans.isSingleton(names[0])) {
            return Optional.empty();
        }
        return Optional.of(beans.getBean(names[0]));
    }
}
