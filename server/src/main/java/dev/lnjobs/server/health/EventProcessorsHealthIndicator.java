package dev.lnjobs.server.health;

import dev.lnjobs.server.axon.RetryingErrorHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code eventProcessors} in /actuator/health: each processor of this node, whether it runs, and the segments it
 * has claimed here (another node may hold the rest). DOWN when a processor has stopped or gave up on an error it
 * could not recover from; a segment in error is shown, while its processor retries it, without turning DOWN, and so
 * are the handler failures counted since start ({@code handlerFailures}), which go on while a segment backs off.
 */
@Component
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration eventProcessing;
    private final MeterRegistry meters;

    EventProcessorsHealthIndicator(EventProcessingConfiguration eventProcessing, MeterRegistry meters) {
        super("event processor health check failed");
        this.eventProcessing = eventProcessing;
        this.meters = meters;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean allRunning = true;
        for (EventProcessor processor : new TreeMap<>(eventProcessing.eventProcessors()).values()) {
            allRunning &= processor.isRunning() && !processor.isError();
            builder.withDetail(processor.getName(), describe(processor));
        }
        if (allRunning) {
            builder.up();
        } else {
            builder.down();
        }
    }

    private Map<String, Object> describe(EventProcessor processor) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("running", processor.isRunning());
        details.put("error", processor.isError());
        // a failing segment is released while it waits out its back-off, so its failures are what shows it
        Counter failures = meters.find(RetryingErrorHandler.METER).tag("processingGroup", processor.getName())
                .counter();
        if (failures != null && failures.count() > 0) {
            details.put("handlerFailures", (long) failures.count());
        }
        if (processor instanceof StreamingEventProcessor streaming) {
            Map<Integer, EventTrackerStatus> segments = new TreeMap<>(streaming.processingStatus());
            details.put("claimedSegments", List.copyOf(segments.keySet()));
            details.put("caughtUp", segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp));
            details.put("replaying", segments.values().stream().anyMatch(EventTrackerStatus::isReplaying));
            List<String> segmentErrors = new ArrayList<>();
            segments.forEach((segment, status) -> {
                if (status.isErrorState()) {
                    // The class only: an exception message may quote data that does not belong on a public page.
                    Throwable error = status.getError();
                    segmentErrors.add(segment + ": " + (error == null ? "unknown" : error.getClass().getName()));
                }
            });
            if (!segmentErrors.isEmpty()) {
                details.put("segmentErrors", segmentErrors);
            }
        }
        return details;
    }
}
