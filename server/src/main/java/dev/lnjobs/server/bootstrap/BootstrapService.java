package dev.lnjobs.server.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordSshKeyDelivered;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RequestBootstrap;
import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;
import dev.lnjobs.api.bootstrap.BootstrapQueries.FindBootstrap;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.bootstrap.NodeNames;
import dev.lnjobs.sagas.bootstrap.SshKeyVault;
import dev.lnjobs.server.config.BootstrapProperties;
import dev.lnjobs.server.views.PendingView;
import dev.lnjobs.server.views.Views;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The node bootstrap flow behind {@code /api/bootstrap}: request one and wait for its invoice; read one (payments
 * are pushed, never looked for by a read) and, once the node is ready, hand the SSH private key over, exactly once.
 */
@Service
class BootstrapService {

    private static final Logger log = LoggerFactory.getLogger(BootstrapService.class);
    private static final Duration INVOICE_WAIT = Duration.ofSeconds(10);

    /** A read: the view, and the private key if this read is the one it is handed over on (null otherwise). */
    record BootstrapRead(BootstrapView view, String sshPrivateKey) {
    }

    private final CommandGateway commands;
    private final Views views;
    private final SshKeyVault vault;
    private final BootstrapProperties bootstrap;
    private final Clock clock;

    BootstrapService(CommandGateway commands, Views views, SshKeyVault vault, BootstrapProperties bootstrap,
                     Clock clock) {
        this.commands = commands;
        this.views = views;
        this.vault = vault;
        this.bootstrap = bootstrap;
        this.clock = clock;
    }

    /** Requests a bootstrap for BOOTSTRAP_FEE_SATS; answers it once its invoice is issued, or as it is after 10 s. */
    BootstrapView request() {
        String id = UUID.randomUUID().toString();
        PendingView<BootstrapView> invoiced = views.subscribe(new FindBootstrap(id), BootstrapView.class,
                v -> v.invoice() != null || v.state().isTerminal(), INVOICE_WAIT);
        return views.sendAndAwait(new RequestBootstrap(id, NodeNames.nodeName(id), bootstrap.feeSats(),
                        bootstrap.plan(), clock.instant()), invoiced)
                .or(() -> find(id)).orElseThrow();
    }

    /**
     * The bootstrap as its view shows it (a read never asks the node whether it was paid). The holder's
     * ({@code holder}: the reader presented the bootstrap's access token) first read once it is ready takes the
     * private key out of the vault (which deletes it) and carries it; every later read, and every read of a
     * non-holder, carries none.
     */
    Optional<BootstrapRead> read(String id, boolean holder) {
        Optional<BootstrapView> found = find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BootstrapView view = found.get();
        String privateKey = holder && view.state() == BootstrapState.READY ? vault.takeOnce(id).orElse(null) : null;
        if (privateKey != null) {
            recordDelivery(id);
        }
        return Optional.of(new BootstrapRead(view, privateKey));
    }

    private Optional<BootstrapView> find(String id) {
        return views.find(new FindBootstrap(id), BootstrapView.class);
    }

    /** The key is already gone from the vault; recording that is bookkeeping and must not hold the response. */
    private void recordDelivery(String id) {
        commands.send(new RecordSshKeyDelivered(id, clock.instant())).whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn("Bootstrap {}: SSH key delivered but its delivery was not recorded: {}", id,
                        failure.getMessage());
            }
        });
    }
}
