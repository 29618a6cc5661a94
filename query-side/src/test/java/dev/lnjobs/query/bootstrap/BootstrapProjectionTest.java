package dev.lnjobs.query.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapInvoiceIssued;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRequested;
import dev.lnjobs.api.bootstrap.BootstrapEvents.CleanupAbandoned;
import dev.lnjobs.api.bootstrap.BootstrapEvents.DropletCreated;
import dev.lnjobs.api.bootstrap.BootstrapEvents.DropletDeleted;
import dev.lnjobs.api.bootstrap.BootstrapEvents.NodeReady;
import dev.lnjobs.api.bootstrap.BootstrapEvents.ProvisioningFailed;
import dev.lnjobs.api.bootstrap.BootstrapEvents.SshKeyDelivered;
import dev.lnjobs.api.bootstrap.BootstrapEvents.SshKeyGenerated;
import dev.lnjobs.api.bootstrap.BootstrapEvents.TailscaleKeyCreated;
import dev.lnjobs.api.bootstrap.BootstrapEvents.VolumeAttached;
import dev.lnjobs.api.bootstrap.BootstrapEvents.VolumeCreated;
import dev.lnjobs.api.bootstrap.BootstrapEvents.VolumeDeleted;
import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;
import dev.lnjobs.api.bootstrap.BootstrapQueries.FindBootstrap;
import dev.lnjobs.api.bootstrap.BootstrapQueries.InvoiceView;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.bootstrap.CloudResource;
import dev.lnjobs.api.bootstrap.NodePlan;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.query.EventFeed;
import dev.lnjobs.query.ProjectionTest;
import dev.lnjobs.query.QueryAnswers;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.lnjobs.query.Fixtures.id;
import static dev.lnjobs.query.Fixtures.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class BootstrapProjectionTest extends ProjectionTest {

    private static final NodePlan PLAN = new NodePlan("nyc3", "s-2vcpu-4gb", 100);

    @Autowired
    BootstrapRepository rows;

    private final QueryUpdateEmitter updates = mock(QueryUpdateEmitter.class);
    private final String bootstrapId = id("bootstrap");
    private EventFeed feed;
    private QueryAnswers queries;

    @BeforeEach
    void feed() {
        BootstrapProjection projection = new BootstrapProjection(rows, updates);
        feed = feed(projection);
        queries = new QueryAnswers(projection);
    }

    private BootstrapView view() {
        return queries.ask(new FindBootstrap(bootstrapId), BootstrapView.class);
    }

    private Invoice paid() {
        feed.publish(bootstrapId, new BootstrapRequested(bootstrapId, "lnnode-1", 50_000, PLAN, feed.now()));
        Invoice fee = invoice(bootstrapId + "/fee", 50_000, feed.now().plus(Duration.ofHours(1)));
        feed.publish(bootstrapId, new BootstrapInvoiceIssued(bootstrapId, fee));
        feed.publish(bootstrapId, new BootstrapPaid(bootstrapId, fee.paymentHash(), 50_000, feed.now()));
        return fee;
    }

    @Test
    void follows_every_provisioning_step_to_a_ready_node() {
        Instant requestedAt = feed.now().plusSeconds(1);
        Invoice fee = paid();
        assertThat(view().state()).isEqualTo(BootstrapState.PROVISIONING);

        feed.publish(bootstrapId, new SshKeyGenerated(bootstrapId, "ssh-ed25519 AAAAC3 lnnode-1", "SHA256:abc"));
        feed.publish(bootstrapId, new VolumeCreated(bootstrapId, "vol-7", "lnnode-1-data", 100));
        feed.publish(bootstrapId, new TailscaleKeyCreated(bootstrapId, List.of("tag:lnnode")));
        feed.publish(bootstrapId, new DropletCreated(bootstrapId, 4242, "nyc3", "s-2vcpu-4gb"));
        feed.publish(bootstrapId, new VolumeAttached(bootstrapId, "vol-7", 4242));
        assertThat(view().state()).isEqualTo(BootstrapState.PROVISIONING);
        feed.publish(bootstrapId, new NodeReady(bootstrapId, "203.0.113.7", "lnnode-1.tail.ts.net",
                "https://lnnode-1.tail.ts.net"));
        Instant deliveredAt = feed.now();
        feed.publish(bootstrapId, new SshKeyDelivered(bootstrapId, deliveredAt));

        BootstrapView view = view();
        assertThat(view.state()).isEqualTo(BootstrapState.READY);
        assertThat(view.nodeName()).isEqualTo("lnnode-1");
        assertThat(view.feeSats()).isEqualTo(50_000);
        assertThat(view.plan()).isEqualTo(PLAN);
        assertThat(view.invoice()).isEqualTo(new InvoiceView(fee.paymentHash(), fee.paymentRequest(), 50_000,
                fee.expiresAt(), true));
        assertThat(view.sshPublicKey()).isEqualTo("ssh-ed25519 AAAAC3 lnnode-1");
        assertThat(view.sshKeyFingerprint()).isEqualTo("SHA256:abc");
        assertThat(view.tailscaleKeyCreated()).isTrue();
        assertThat(view.dropletId()).isEqualTo(4242L);
        assertThat(view.volumeId()).isEqualTo("vol-7");
        assertThat(view.volumeAttached()).isTrue();
        assertThat(view.nodeIp()).isEqualTo("203.0.113.7");
        assertThat(view.tailscaleHostname()).isEqualTo("lnnode-1.tail.ts.net");
        assertThat(view.lnbitsUrl()).isEqualTo("https://lnnode-1.tail.ts.net");
        assertThat(view.sshKeyDeliveredAt()).isEqualTo(deliveredAt);
        assertThat(view.cleanedUp()).isEmpty();
        assertThat(view.leftBehind()).isEmpty();
        assertThat(view.reason()).isNull();
        assertThat(view.createdAt()).isEqualTo(requestedAt);
        assertThat(view.updatedAt()).isEqualTo(feed.now());
    }

    @Test
    void shows_a_failure_and_what_cleanup_deleted_or_left_behind() {
        paid();
        feed.publish(bootstrapId, new VolumeCreated(bootstrapId, "vol-9", "lnnode-1-data", 100));
        feed.publish(bootstrapId, new DropletCreated(bootstrapId, 99, "nyc3", "s-2vcpu-4gb"));
        feed.publish(bootstrapId, new ProvisioningFailed(bootstrapId, "droplet never became active",
                BootstrapState.PROVISIONING, 99L, "vol-9"));
        assertThat(view().state()).isEqualTo(BootstrapState.FAILED);

        feed.publish(bootstrapId, new DropletDeleted(bootstrapId, 99));
        feed.publish(bootstrapId, new CleanupAbandoned(bootstrapId, CloudResource.VOLUME, "vol-9", "403 forbidden"));
        feed.publish(bootstrapId, new CleanupAbandoned(bootstrapId, CloudResource.VOLUME, "vol-9", "gave up"));

        BootstrapView view = view();
        assertThat(view.reason()).isEqualTo("droplet never became active");
        assertThat(view.dropletId()).isEqualTo(99L);
        assertThat(view.volumeId()).isEqualTo("vol-9");
        assertThat(view.cleanedUp()).containsExactly("droplet 99");
        assertThat(view.leftBehind()).containsExactly("volume vol-9: 403 forbidden", "volume vol-9: gave up");
    }

    @Test
    void lists_every_deleted_resource() {
        paid();
        feed.publish(bootstrapId, new ProvisioningFailed(bootstrapId, "timeout", BootstrapState.PROVISIONING,
                7L, "vol-1"));
        feed.publish(bootstrapId, new DropletDeleted(bootstrapId, 7));
        feed.publish(bootstrapId, new VolumeDeleted(bootstrapId, "vol-1"));

        assertThat(view().cleanedUp()).containsExactly("droplet 7", "volume vol-1");
        assertThat(view().leftBehind()).isEmpty();
    }

    @Test
    void pushes_each_change_to_the_bootstraps_subscribers_only() {
        paid();

        assertThat(QueryAnswers.pushed(updates, FindBootstrap.class, new FindBootstrap(bootstrapId),
                BootstrapView.class)).extracting(BootstrapView::state).containsExactly(
                BootstrapState.AWAITING_PAYMENT, BootstrapState.AWAITING_PAYMENT, BootstrapState.PROVISIONING);
        assertThat(QueryAnswers.pushed(updates, FindBootstrap.class, new FindBootstrap(id("bootstrap")),
                BootstrapView.class)).isEmpty();
    }

    @Test
    void answers_null_for_an_unknown_bootstrap() {
        assertThat(queries.ask(new FindBootstrap(id("bootstrap")), BootstrapView.class)).isNull();
    }
}
