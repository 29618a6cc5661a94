package dev.lnjobs.server.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordSshKeyDelivered;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RequestBootstrap;
import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;
import dev.lnjobs.api.bootstrap.BootstrapRuleViolation;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.bootstrap.NodePlan;
import dev.lnjobs.sagas.bootstrap.SshKeyVault;
import dev.lnjobs.server.config.BootstrapProperties;
import dev.lnjobs.server.views.Views;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isA;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The bootstrap flow without a server: its waits are closed, its key is handed over once. */
class BootstrapServiceTest {

    private static final String ID = "6f1c2a1e-8d7b-4a53-9a55-0b0f2f1d7c11";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final CommandGateway commands = mock(CommandGateway.class);
    private final QueryGateway queries = mock(QueryGateway.class);
    private final SshKeyVault vault = mock(SshKeyVault.class);
    private final BootstrapProperties properties = mock(BootstrapProperties.class);
    private final BootstrapService service = new BootstrapService(commands, new Views(commands, queries), vault,
            properties, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    @SuppressWarnings("unchecked")
    void a_refused_request_closes_its_subscription() {
        SubscriptionQueryResult<BootstrapView, BootstrapView> subscription = mock(SubscriptionQueryResult.class);
        when(queries.subscriptionQuery(any(), any(ResponseType.class), any(ResponseType.class)))
                .thenReturn((SubscriptionQueryResult) subscription);
        when(properties.feeSats()).thenReturn(10_000L);
        when(properties.plan()).thenReturn(new NodePlan("nyc3", "s-2vcpu-4gb", 500));
        when(commands.sendAndWait(isA(RequestBootstrap.class))).thenThrow(new BootstrapRuleViolation("refused"));

        assertThatThrownBy(service::request).isInstanceOf(BootstrapRuleViolation.class);
        verify(subscription).close();
    }

    @Test
    void the_holders_first_read_of_a_ready_node_carries_the_key_and_no_other_read_does() {
        when(queries.query(any(), any(ResponseType.class)))
                .thenAnswer(invocation -> CompletableFuture.completedFuture(view(BootstrapState.READY)));
        when(vault.takeOnce(ID)).thenReturn(Optional.of("PRIVATE KEY"), Optional.empty());
        when(commands.send(any())).thenReturn(CompletableFuture.completedFuture(null));

        assertThat(service.read(ID, false)).hasValueSatisfying(read -> assertThat(read.sshPrivateKey()).isNull());
        verify(vault, never()).takeOnce(any()); // a reader without the token never takes the key
        assertThat(service.read(ID, true)).hasValueSatisfying(read -> assertThat(read.sshPrivateKey())
                .isEqualTo("PRIVATE KEY"));
        assertThat(service.read(ID, true)).hasValueSatisfying(read -> assertThat(read.sshPrivateKey()).isNull());
        verify(commands, times(1)).send(new RecordSshKeyDelivered(ID, NOW));
    }

    @Test
    void a_read_of_an_unpaid_bootstrap_is_one_query_and_sends_no_command() {
        when(queries.query(any(), any(ResponseType.class)))
                .thenAnswer(invocation -> CompletableFuture.completedFuture(view(BootstrapState.AWAITING_PAYMENT)));

        assertThat(service.read(ID, true)).hasValueSatisfying(read -> assertThat(read.view().state())
                .isEqualTo(BootstrapState.AWAITING_PAYMENT));
        verify(queries, times(1)).query(any(), any(ResponseType.class));
        verifyNoInteractions(commands, vault);
    }

    @Test
    void an_unknown_bootstrap_reads_empty() {
        when(queries.query(any(), any(ResponseType.class))).thenReturn(CompletableFuture.completedFuture(null));
        assertThat(service.read(ID, true)).isEmpty();
        verify(vault, never()).takeOnce(any());
    }

    static BootstrapView view(BootstrapState state) {
        return new BootstrapView(ID, state, "timmy-node-1", 10_000, new NodePlan("nyc3", "s-2vcpu-4gb", 500), null,
                "ssh-ed25519 AAAA", "SHA256:abc", false, 1L, null, false, "192.0.2.10", null, null, null, List.of(),
                List.of(), null, NOW, NOW, null);
    }
}
