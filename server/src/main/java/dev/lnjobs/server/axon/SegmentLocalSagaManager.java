package dev.lnjobs.server.axon;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.modelling.saga.AbstractSagaManager;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.SagaManagerSpanFactory;

import javax.annotation.Nonnull;
import java.util.function.Function;

/**
 * Offers a saga event only to the segment its association value hashes to. Axon's own manager offers every saga
 * event to every segment, because a saga may have been associated with values that hash elsewhere: each segment
 * then looks the association up in the saga store and commits its own transaction, so a processor with 8 segments
 * did 8 look-ups and 8 token writes per event. Every saga here is associated only with the id in its start event
 * (none calls {@code associateWith}), and Axon starts a saga in the segment that value hashes to, under an id of the
 * same segment: no other segment can hold it. Splitting or merging these processors' segments would break that.
 */
public final class SegmentLocalSagaManager<T> extends AnnotatedSagaManager<T> {

    private SegmentLocalSagaManager(Builder<T> builder) {
        super(builder);
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
            return new SegmentLocalSagaManager<>(builder);
        };
    }

    @Override
    public boolean canHandle(@Nonnull EventMessage<?> event, @Nonnull Segment segment) {
        return super.canHandle(event, segment) && extractAssociationValues(event).stream().anyMatch(segment::matches);
    }
}
