package dev.lnjobs.sagas.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.*;
import dev.lnjobs.api.bootstrap.BootstrapEvents.*;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletRef;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletState;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletStatus;
import dev.lnjobs.sagas.lightning.LightningException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Timeouts, API failures and bounded retries: each ends in a failure naming what cleanup must delete. */
class ProvisioningSagaFailureTest extends ProvisioningSagaTestSupport {

    // --- timeout

    @Test
    void a_droplet_that_never_becomes_active_fails_the_bootstrap_at_the_timeout() {
        when(cloud.getDroplet(DROPLET)).thenReturn(new DropletStatus(DROPLET, DropletState.NEW, Optional.empty()));
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid()).andThenAPublished(keyed())
                .andThenAPublished(dropletCreated())
                .whenTimeElapses(Duration.ofMinutes(10))
                .expectDispatchedCommands(
                        new FailProvisioning(ID, "provisioning did not finish within 10 minutes", DROPLET, null))
                .expectNoScheduledDeadlines();
    }

    @Test
    void failure_ends_provisioning_and_its_deadlines() {
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid()).andThenAPublished(keyed())
                .andThenAPublished(dropletCreated())
                .whenPublishingA(new ProvisioningFailed(ID, "x", BootstrapState.PROVISIONING, DROPLET, null))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    // --- API failures

    @Test
    void a_permanent_droplet_failure_fails_at_once_with_digitaloceans_reason() {
        when(cloud.createDroplet(any())).thenThrow(new CloudException(
                "DigitalOcean POST /v2/droplets answered 422: unprocessable_entity: size is not available", false));
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid())
                .whenPublishingA(keyed())
                .expectDispatchedCommands(new FailProvisioning(ID, "droplet failed: DigitalOcean POST /v2/droplets "
                        + "answered 422: unprocessable_entity: size is not available", null, null))
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_rate_limited_step_is_retried_after_the_time_the_api_asked_for() {
        when(cloud.createDroplet(any())).thenThrow(new CloudException("429", true, Duration.ofSeconds(30), null));
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid())
                .whenPublishingA(keyed())
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), ProvisioningSaga.STEP);
    }

    @Test
    void the_retried_step_succeeds_on_its_deadline() {
        when(cloud.createDroplet(any()))
                .thenThrow(new CloudException("429", true, Duration.ofSeconds(30), null))
                .thenReturn(new DropletRef(DROPLET));
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid()).andThenAPublished(keyed())
                .whenTimeElapses(Duration.ofSeconds(30))
                .expectDispatchedCommands(new RecordTailscaleKey(ID, List.of("tag:timmy-node")),
                        new RecordDropletCreated(ID, DROPLET));
    }

    @Test
    void transient_failures_stop_after_the_bounded_attempts_and_fail_the_bootstrap() {
        when(cloud.createDroplet(any())).thenThrow(new CloudException("DigitalOcean answered 503", true));
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid()).andThenAPublished(keyed())
                .whenTimeElapses(Duration.ofSeconds(2 + 4))
                .expectDispatchedCommands(
                        new FailProvisioning(ID, "droplet failed: DigitalOcean answered 503", null, null));
        verify(cloud, times(3)).createDroplet(any());
    }

    @Test
    void a_failed_recording_is_retried_without_creating_a_second_droplet() {
        boolean[] refusedOnce = {false};
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof RecordDropletCreated && !refusedOnce[0]) {
                refusedOnce[0] = true;
                throw new IllegalStateException("connection reset");
            }
            return null;
        });
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid()).andThenAPublished(keyed())
                .whenTimeElapses(Duration.ofSeconds(2))
                // the refused attempt ran while the history was given; this is the retry, reusing the droplet
                .expectDispatchedCommands(new RecordTailscaleKey(ID, List.of("tag:timmy-node")),
                        new RecordDropletCreated(ID, DROPLET));
        verify(cloud, times(1)).createDroplet(any());
        verify(tailnet, times(1)).createAuthKey(anyString(), any());
    }

    @Test
    void a_tailnet_that_refuses_the_key_fails_the_bootstrap_before_any_droplet_exists() {
        when(tailnet.createAuthKey(anyString(), any()))
                .thenThrow(new CloudException("Tailscale key creation answered 400: requested tags are invalid",
                        false));
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid())
                .whenPublishingA(keyed())
                .expectDispatchedCommands(new FailProvisioning(ID,
                        "droplet failed: Tailscale key creation answered 400: requested tags are invalid", null, null));
        verify(cloud, never()).createDroplet(any());
    }

    @Test
    void a_droplet_that_vanished_while_polled_fails_the_bootstrap() {
        when(cloud.getDroplet(DROPLET)).thenThrow(new CloudException("DigitalOcean GET answered 404", false));
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid()).andThenAPublished(keyed())
                .andThenAPublished(dropletCreated())
                .whenTimeElapses(Duration.ofSeconds(5))
                .expectDispatchedCommands(
                        new FailProvisioning(ID, "poll failed: DigitalOcean GET answered 404", DROPLET, null));
    }

    @Test
    void an_invoice_the_node_cannot_create_fails_the_bootstrap() {
        when(lightning.createInvoice(anyLong(), anyString(), any())).thenThrow(new LightningException("down", false));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(PLAN))
                .expectDispatchedCommands(new FailProvisioning(ID, "invoice failed: down", null, null));
    }
}
