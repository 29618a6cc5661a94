package dev.lnjobs.server.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

import java.util.ArrayList;
import java.util.List;

/**
 * A rebuild in the running server: this node's streaming projection processors stop (releasing their segments),
 * the read models are rebuilt, and they start again from the tokens the rebuild set. The subscribing projections
 * keep running; the rebuild's table locks hold their writes (and so the commands appending) until it commits.
 */
public class LiveProjectionRebuild {

    private final ProjectionRebuild rebuild;
    private final EventProcessingConfiguration processing;

    public LiveProjectionRebuild(ProjectionRebuild rebuild, EventProcessingConfiguration processing) {
        this.rebuild = rebuild;
        this.processing = processing;
    }

    public synchronized ProjectionRebuild.Result rebuild() {
        List<StreamingEventProcessor> stopped = new ArrayList<>();
        rebuild.groups().forEach((group, streaming) -> {
            if (streaming) {
                processing.eventProcessor(group, StreamingEventProcessor.class).ifPresent(processor -> {
                    processor.shutDown();
                    stopped.add(processor);
                });
            }
        });
        try {
            return rebuild.rebuild();
        } finally {
            stopped.forEach(StreamingEventProcessor::start);
        }
    }
}
