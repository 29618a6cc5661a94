package dev.lnjobs.sagas.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordCleanupAbandoned;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordDropletDeleted;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordVolumeDeleted;
import dev.lnjobs.api.bootstrap.BootstrapEvents.CleanupAbandoned;
import dev.lnjobs.api.bootstrap.BootstrapEvents.DropletDeleted;
import dev.lnjobs.api.bootstrap.BootstrapEvents.ProvisioningFailed;
import dev.lnjobs.api.bootstrap.BootstrapEvents.VolumeDeleted;
import dev.lnjobs.api.bootstrap.CloudResource;
import dev.lnjobs.sagas.retry.Failure;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Optional;

/**
 * Releases what a failed bootstrap left in the cloud. Steps: forget the undelivered SSH key → delete the droplet →
 * delete the volume (which cannot go while attached, so it is retried until the droplet's deletion detaches it).
 * Each deletion ends in an event, so a restart resumes; a deletion that keeps failing is left to an operator.
 */
public class NodeCleanupSaga {

    private static final Logger log = LoggerFactory.getLogger(NodeCleanupSaga.class);
    static final String RETRY = "bootstrap-cleanup-retry";

    private String bootstrapId;
    private Long dropletId;
    private String volumeId;
    private boolean dropletGone;
    private boolean volumeGone;
    private int failedAttempts;

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient CloudProvider cloud;
    @Autowired
    private transient SshKeyVault vault;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient BootstrapSettings settings;

    @StartSaga
    @SagaEventHandler(associationProperty = "bootstrapId")
    void on(ProvisioningFailed event) {
        bootstrapId = event.bootstrapId();
        dropletId = event.dropletId();
        volumeId = event.volumeId();
        vault.discard(bootstrapId);
        log.info("Bootstrap {}: cleaning up droplet {} and volume {}", bootstrapId, dropletId, volumeId);
        cleanUp();
    }

    @SagaEventHandler(associationProperty = "bootstrapId")
    void on(DropletDeleted event) {
        dropletGone = true;
        failedAttempts = 0;
        cleanUp();
    }

    @SagaEventHandler(associationProperty = "bootstrapId")
    void on(VolumeDeleted event) {
        volumeGone = true;
        failedAttempts = 0;
        cleanUp();
    }

    @SagaEventHandler(associationProperty = "bootstrapId")
    void on(CleanupAbandoned event) {
        dropletGone |= event.resource() == CloudResource.DROPLET;
        volumeGone |= event.resource() == CloudResource.VOLUME;
        failedAttempts = 0;
        cleanUp();
    }

    @DeadlineHandler(deadlineName = RETRY)
    void onRetry() {
        cleanUp();
    }

    /** One deletion per event: the droplet first, then the volume, then the saga ends. */
    private void cleanUp() {
        if (dropletId != null && !dropletGone) {
            release(CloudResource.DROPLET, Long.toString(dropletId), () -> {
                cloud.deleteDroplet(dropletId);
                commands.sendAndWait(new RecordDropletDeleted(bootstrapId, dropletId));
            });
        } else if (volumeId != null && !volumeGone) {
            release(CloudResource.VOLUME, volumeId, () -> {
                cloud.deleteVolume(volumeId);
                commands.sendAndWait(new RecordVolumeDeleted(bootstrapId, volumeId));
            });
        } else {
            log.info("Bootstrap {}: nothing left to clean up", bootstrapId);
            SagaLifecycle.end();
        }
    }

    /** Deletion is idempotent, so every failure is worth another try, until the attempts run out. */
    private void release(CloudResource resource, String resourceId, Runnable deletion) {
        try {
            deletion.run();
        } catch (RuntimeException e) {
            failedAttempts++;
            Failure failure = Failure.classify(e);
            Optional<Duration> delay = settings.cleanupRetryPolicy()
                    .nextEvenIfPermanent(failedAttempts, failure.retryAfter(), bootstrapId);
            if (delay.isPresent()) {
                log.info("Bootstrap {}: deleting {} {} failed ({}), retrying in {}", bootstrapId, resource,
                        resourceId, failure.reason(), delay.get());
                deadlines.schedule(delay.get(), RETRY);
                return;
            }
            log.warn("Bootstrap {}: gave up deleting {} {} after {} attempts ({}); delete it by hand", bootstrapId,
                    resource, resourceId, failedAttempts, failure.reason());
            commands.sendAndWait(new RecordCleanupAbandoned(bootstrapId, resource, resourceId, failure.reason()));
        }
    }
}
