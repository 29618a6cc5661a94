package dev.lnjobs.server.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handler failure is never skipped: it is counted ({@value #METER}, tagged with the processing group), logged, and
 * thrown on, so that the pooled processor rolls the batch back, releases the segment and tries it again with its
 * exponential back-off, while {@code /actuator/health} shows the segment in error. Axon's default logs and skips the
 * event, which leaves a paid job stuck for ever with nobody told.
 */
public final class RetryingErrorHandler implements ListenerInvocationErrorHandler {

    public static final String METER = "lnjobs.event.handler.failures";
    private static final Logger log = LoggerFactory.getLogger(RetryingErrorHandler.class);

    private final String processingGroup;
    private final Counter failures;

    private RetryingErrorHandler(String processingGroup, Counter failures) {
        this.processingGroup = processingGroup;
        this.failures = failures;
    }

    /** The handler of one processing group; registering its counter again answers the same counter. */
    public static RetryingErrorHandler of(String processingGroup, MeterRegistry meters) {
        return new RetryingErrorHandler(processingGroup, Counter.builder(METER)
                .description("Event handler invocations that failed and will be retried")
                .tag("processingGroup", processingGroup)
                .register(meters));
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler)
            throws Exception {
        failures.increment();
        // The class and the event type only: a message may quote data that does not belong in a log.
        log.warn("Handling {} failed in {} ({}); its segment is retried with back-off", event.getPayloadType()
                .getSimpleName(), processingGroup, exception.getClass().getName());
        log.debug("Handler failure in {}", processingGroup, exception);
        throw exception;
    }
}
