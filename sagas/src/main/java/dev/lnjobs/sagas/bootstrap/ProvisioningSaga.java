package dev.lnjobs.sagas.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.*;
import dev.lnjobs.api.bootstrap.BootstrapEvents.*;
import dev.lnjobs.api.bootstrap.NodeNames;
import dev.lnjobs.api.bootstrap.NodePlan;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletSpec;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletStatus;
import dev.lnjobs.sagas.bootstrap.NodeBootstrapScript.NodeSetup;
import dev.lnjobs.sagas.bootstrap.SshKeyGenerator.SshKeyPair;
import dev.lnjobs.sagas.lightning.InvoiceMemo;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.retry.Failure;
import dev.lnjobs.sagas.retry.RetryPolicy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Provisions one paid node. Steps: invoice → (paid) SSH key → volume, when planned → droplet with its cloud-init
 * (and a Tailscale auth key) → polls until active with a public IPv4 → volume attached → ready. Each step ends in
 * an event, which starts the next, so a restart resumes where it stopped; every wait is a persistent deadline.
 * A permanent failure, exhausted retries or the overall timeout fail the bootstrap, naming what was created for
 * {@link NodeCleanupSaga} to delete. Secrets stay out of its state: the private key goes straight to the vault, the
 * Tailscale key straight into the user data.
 */
public class ProvisioningSaga {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningSaga.class);
    static final String STEP = "bootstrap-step";
    static final String TIMEOUT = "bootstrap-timeout";
    static final String DROPLET_TAG = "timmy-node";

    /** The step a deadline (poll or retry) runs. */
    public enum Step { INVOICE, SSH_KEY, VOLUME, DROPLET, POLL, ATTACH_VOLUME, READY }

    private String bootstrapId;
    private String nodeName;
    private long feeSats;
    private NodePlan plan;
    private Invoice invoice;
    private String sshPublicKey;
    private String volumeId;
    private Long dropletId;
    private boolean tailscaleKeyCreated;
    private boolean attachRequested;
    private String nodeIp;
    private Duration pollDelay;
    private int failedAttempts;
    private boolean failed;

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient LightningNode lightning;
    @Autowired
    private transient CloudProvider cloud;
    @Autowired
    private transient TailnetKeys tailnetKeys;
    @Autowired
    private transient SshKeyGenerator keyGenerator;
    @Autowired
    private transient SshKeyVault vault;
    @Autowired
    private transient NodeBootstrapScript bootstrapScript;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient BootstrapSettings settings;

    @StartSaga
    @SagaEventHandler(associationProperty = "bootstrapId")
    void on(BootstrapRequested event) {
        bootstrapId = event.bootstrapId();
        nodeName = event.nodeName();
        feeSats = event.feeSats();
        plan = event.plan();
        run(Step.INVOICE);
    }

    @SagaEventHandler(associationProperty = "bootstrapId")
    void on(BootstrapPaid event) {
        log.info("Bootstrap {}: paid, provisioning {} ({} in {}, volume {} GB)", bootstrapId, nodeName, plan.size(),
                plan.region(), plan.volumeSizeGb());
        deadlines.schedule(settings.provisionTimeout(), TIMEOUT);
        run(Step.SSH_KEY);
    }

    @SagaEventHandler(associationProperty = "bootstrapId")
    void on(SshKeyGenerated event) {
        sshPublicKey = event.publicKey();
        run(plan.wantsVolume() ? Step.VOLUME : Step.DROPLET);
    }

    @SagaEventHandler(associationProperty = "bootstrapId")
    void on(VolumeCreated event) {
        volumeId = event.volumeId();
        run(Step.DROPLET);
    }

    @SagaEventHandler(associationProperty = "bootstrapId")
    void on(DropletCreated event) {
        dropletId = event.dropletId();
        pollDelay = settings.pollFirstDelay();
        deadlines.schedule(pollDelay, STEP, Step.POLL);
    }

    @SagaEventHandler(associationProperty = "bootstrapId")
    void on(VolumeAttached event) {
        run(Step.READY);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "bootstrapId")
    void on(NodeReady event) {
        log.info("Bootstrap {}: node {} ready at {}", bootstrapId, nodeName, event.nodeIp());
        cancelProvisioningDeadlines();
    }

    /** Deleting what was created is NodeCleanupSaga's process; this one stops here. */
    @EndSaga
    @SagaEventHandler(associationProperty = "bootstrapId")
    void on(ProvisioningFailed event) {
        cancelProvisioningDeadlines();
    }

    @DeadlineHandler(deadlineName = STEP)
    void onStepDeadline(Step step) {
        run(step);
    }

    @DeadlineHandler(deadlineName = TIMEOUT)
    void onTimeout() {
        if (!failed) {
            fail("provisioning did not finish within " + settings.provisionTimeout().toMinutes() + " minutes");
        }
    }

    private void run(Step step) {
        if (failed) {
            return;
        }
        Step next;
        try {
            next = perform(step);
            failedAttempts = 0;
        } catch (RuntimeException e) {
            retryOrFail(step, Failure.classify(e));
            return;
        }
        if (next != null) {
            run(next);
        }
    }

    /** Does one step; answers the step to run at once after it, if any. The result of each cloud call is kept
     * before it is recorded, so a retry after a failed recording does not create a second resource. */
    private Step perform(Step step) {
        switch (step) {
            case INVOICE -> {
                if (invoice == null) {
                    invoice = lightning.createInvoice(feeSats, InvoiceMemo.BOOTSTRAP.text(),
                            settings.invoiceExpiry());
                }
                commands.sendAndWait(new IssueBootstrapInvoice(bootstrapId, invoice));
            }
            case SSH_KEY -> {
                if (sshPublicKey == null) {
                    SshKeyPair pair = keyGenerator.generate(nodeName);
                    vault.store(bootstrapId, pair.privateKeyPem());
                    sshPublicKey = pair.publicKeyOpenSsh();
                }
                commands.sendAndWait(new RecordSshKey(bootstrapId, sshPublicKey, SshFingerprint.of(sshPublicKey)));
            }
            case VOLUME -> {
                String name = NodeNames.volumeName(bootstrapId);
                if (volumeId == null) {
                    volumeId = cloud.createVolume(name, plan.region(), plan.volumeSizeGb());
                }
                commands.sendAndWait(new RecordVolumeCreated(bootstrapId, volumeId, name));
            }
            case DROPLET -> createDroplet();
            case POLL -> {
                return poll();
            }
            case ATTACH_VOLUME -> {
                if (!attachRequested) {
                    cloud.attachVolume(volumeId, dropletId, plan.region());
                    attachRequested = true;
                }
                commands.sendAndWait(new RecordVolumeAttached(bootstrapId, volumeId, dropletId));
            }
            case READY -> {
                String hostname = tailscaleKeyCreated ? settings.tailscaleHostname(nodeName) : null;
                commands.sendAndWait(new RecordNodeReady(bootstrapId, nodeIp, hostname,
                        hostname == null ? null : "https://" + hostname));
            }
        }
        return null;
    }

    private void createDroplet() {
        if (dropletId == null) {
            Optional<String> authKey = settings.tailscale()
                    ? Optional.of(tailnetKeys.createAuthKey("timmy node " + nodeName, settings.tailscaleTags()))
                    : Optional.empty();
            Optional<String> volumeName = Optional.ofNullable(volumeId).map(id -> NodeNames.volumeName(bootstrapId));
            String userData = bootstrapScript.render(new NodeSetup(nodeName, sshPublicKey, authKey, volumeName));
            dropletId = cloud.createDroplet(new DropletSpec(nodeName, plan.region(), plan.size(),
                    settings.operatorSshKeyFingerprints(), settings.vpcUuid(), userData,
                    List.of(DROPLET_TAG, CloudProvider.BOOTSTRAP_TAG_PREFIX + bootstrapId))).id();
            tailscaleKeyCreated = authKey.isPresent();
        }
        if (tailscaleKeyCreated) {
            commands.sendAndWait(new RecordTailscaleKey(bootstrapId, settings.tailscaleTags()));
        }
        commands.sendAndWait(new RecordDropletCreated(bootstrapId, dropletId));
    }

    private Step poll() {
        DropletStatus status = cloud.getDroplet(dropletId);
        if (!status.isReachable()) {
            pollDelay = settings.nextPollDelay(pollDelay);
            deadlines.schedule(pollDelay, STEP, Step.POLL);
            return null;
        }
        nodeIp = status.publicIpv4().orElseThrow();
        log.info("Bootstrap {}: droplet {} active at {}", bootstrapId, dropletId, nodeIp);
        return volumeId != null ? Step.ATTACH_VOLUME : Step.READY;
    }

    private void retryOrFail(Step step, Failure failure) {
        failedAttempts++;
        RetryPolicy policy = settings.retryPolicy();
        Optional<Duration> delay = policy.next(failedAttempts, failure, bootstrapId);
        if (delay.isPresent()) {
            log.info("Bootstrap {}: {} failed ({}), attempt {} of {}, retrying in {}", bootstrapId, step,
                    failure.reason(), failedAttempts, policy.maxAttempts(), delay.get());
            deadlines.schedule(delay.get(), STEP, step);
            return;
        }
        fail(step.name().toLowerCase().replace('_', ' ') + " failed: " + failure.reason());
    }

    private void fail(String reason) {
        failed = true;
        cancelProvisioningDeadlines();
        log.info("Bootstrap {}: failed: {}", bootstrapId, reason);
        commands.sendAndWait(new FailProvisioning(bootstrapId, reason, dropletId, volumeId));
    }

    /** Within this saga only: cancelAll would cancel every other bootstrap's deadlines too. */
    private void cancelProvisioningDeadlines() {
        deadlines.cancelAllWithinScope(STEP);
        deadlines.cancelAllWithinScope(TIMEOUT);
    }
}
