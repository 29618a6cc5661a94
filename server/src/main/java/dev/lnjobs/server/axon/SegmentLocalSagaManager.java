package dev.lnjobs.server.axon;

import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.modelling.saga.AbstractSagaManager;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.SagaManagerSpanFactory;

import javax.annotation.Nonnull;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Offers a saga event only to the segment its association value hashes to. Axon's own manager offers every saga
 * event to every segment, because a saga may have been associated with values that hash elsewhere: each segment
 * then looks the association up in the saga store and commits its own transaction, so a processor with 8 segments
 * did 8 look-ups and 8 token writes per event. Every saga here is associated only with the id in its start event
 * (none calls {@code associateWith}), and Axon starts a saga in the segment that value hashes to, under an id of the
 * same segment: no other segment can hold it. Splitting or merging these processors' segments would break that.
 * <p>
 * It also answers which payload types the saga handles at all ({@link #canHandleType}), which Axon's saga managers
 * leave at "every type": a processor's coordinator then skips the others, and {@link PromptEventSource} does not wake
 * it for events of only those types.
 */
public final class SegmentLocalSagaManager<T> extends AnnotatedSagaManager<T> {

    private final List<Class<?>> handledTypes;

    private SegmentLocalSagaManager(Builder<T> builder, Class<T> sagaType) {
        super(builder);
        this.handledTypes = eventPayloadTypes(sagaType);
    }

    /** The manager of {@code sagaType}, built as Axon's configuration builds its default one. */
    public static <T> Function<Configuration, AbstractSagaManager<T>> of(Class<T> sagaType) {
        return configuration -> {
            EventProcessingConfiguration processing = configuration.eventProcessingConfiguration();
            Builder<T> builder = AnnotatedSagaManager.<T>builder()
                    .sagaType(sagaType)
                    .sagaRepository(processing.sagaConfiguration(sagaType).repository())
                    .parameterResolverFactory(configuration.parameterResolverFactory())
                    .handlerDefinition(configuration.handlerDefinition(sagaType))
                    .listenerInvocationErrorHandler(processing.listenerInvocationErrorHandler(
                            processing.sagaProcessingGroup(sagaType)))
                    .spanFactory(configuration.getComponent(SagaManagerSpanFactory.class));
            return new SegmentLocalSagaManager<>(builder, sagaType);
        };
    }

    /** The payload types of the saga's event handlers (saga event handlers are event handlers by meta-annotation). */
    static List<Class<?>> eventPayloadTypes(Class<?> sagaType) {
        List<Class<?>> types = new ArrayList<>();
        for (Class<?> type = sagaType; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                Optional<Map<String, Object>> handler =
                        AnnotationUtils.findAnnotationAttributes(method, EventHandler.class);
                if (handler.isEmpty()) {
                    continue;
                }
                Object declared = handler.get().get("payloadType");
                if (declared instanceof Class<?> payloadType && payloadType != Object.class) {
                    types.add(payloadType);
                } else {
                    // no parameter: Axon would take any payload; Object matches every type
                    types.add(method.getParameterCount() > 0 ? method.getParameterTypes()[0] : Object.class);
                }
            }
        }
        return List.copyOf(types);
    }

    @Override
    public boolean canHandleType(@Nonnull Class<?> payloadType) {
        return handledTypes.stream().anyMatch(handled -> handled.isAssignableFrom(payloadType));
    }

    @Override
    public boolean canHandle(@Nonnull EventMessage<?> event, @Nonnull Segment segment) {
        return super.canHandle(event, segment) && extractAssociationValues(event).stream().anyMatch(segment::matches);
    }
}
