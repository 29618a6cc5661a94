package dev.lnjobs.server.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordSshKeyDelivered;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RequestBootstrap;
import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.bootstrap.NodeNames;
import dev.lnjobs.sagas.bootstrap.SshKeyVault;
import dev.lnjobs.sagas.lightning.PaymentNotices;
import dev.lnjobs.server.config.BootstrapProperties;
import dev.lnjobs.server.config.LightningProperties;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** The Lightning-gated node bootstrap over HTTP: request one, read it; the SSH private key leaves exactly once. */
@RestController
@ConditionalOnProperty(name = "lnjobs.bootstrap.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping(path = "/api/bootstrap", produces = MediaType.APPLICATION_JSON_VALUE)
class BootstrapController {

    private static final Logger log = LoggerFactory.getLogger(BootstrapController.class);
    private static final Duration INVOICE_WAIT = Duration.ofSeconds(10);
    private static final Duration PAYMENT_WAIT = Duration.ofSeconds(2);

    private final CommandGateway commands;
    private final BootstrapReads reads;
    private final PaymentNotices paymentNotices;
    private final SshKeyVault vault;
    private final BootstrapProperties bootstrap;
    private final LightningProperties lightning;
    private final Clock clock;

    BootstrapController(CommandGateway commands, BootstrapReads reads, PaymentNotices paymentNotices,
                        SshKeyVault vault, BootstrapProperties bootstrap, LightningProperties lightning, Clock clock) {
        this.commands = commands;
        this.reads = reads;
        this.paymentNotices = paymentNotices;
        this.vault = vault;
        this.bootstrap = bootstrap;
        this.lightning = lightning;
        this.clock = clock;
    }

    @Operation(summary = "Request a node bootstrap; answers the invoice for BOOTSTRAP_FEE_SATS to pay")
    @PostMapping
    ResponseEntity<BootstrapResponse> create() {
        String id = UUID.randomUUID().toString();
        var subscription = reads.subscribe(id);
        commands.sendAndWait(new RequestBootstrap(id, NodeNames.nodeName(id), bootstrap.feeSats(), bootstrap.plan(),
                clock.instant()));
        BootstrapView view = BootstrapReads.awaitView(subscription,
                        v -> v.invoice() != null || v.state().isTerminal(), INVOICE_WAIT)
                .or(() -> reads.find(id)).orElseThrow();
        HttpStatus status = view.invoice() != null ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(URI.create("/api/bootstrap/" + id))
                .body(BootstrapResponse.of(view, null, paymentMessage(view)));
    }

    @Operation(summary = "Read a bootstrap: awaiting_payment → provisioning → ready | failed. The first read once "
            + "ready carries the SSH private key; later reads show sshKeyNote instead")
    @GetMapping("/{bootstrapJobId}")
    ResponseEntity<BootstrapResponse> get(@PathVariable String bootstrapJobId) {
        String id = Ids.uuid(bootstrapJobId, "bootstrap id");
        BootstrapView view = reads.find(id).orElseThrow(() -> new NotFoundException("no bootstrap " + id));
        if (view.state() == BootstrapState.AWAITING_PAYMENT && view.invoice() != null) {
            var subscription = reads.subscribe(id);
            if (paymentNotices.recheck(view.invoice().paymentHash()) == PaymentNotices.Outcome.CONFIRMED) {
                view = BootstrapReads.awaitView(subscription, v -> v.state() != BootstrapState.AWAITING_PAYMENT,
                        PAYMENT_WAIT).orElse(view);
            } else {
                subscription.close();
            }
        }
        String privateKey = view.state() == BootstrapState.READY ? vault.takeOnce(id).orElse(null) : null;
        if (privateKey != null) {
            recordDelivery(id);
        }
        String message = switch (view.state()) {
            case AWAITING_PAYMENT -> paymentMessage(view);
            case READY -> stubMessage();
            default -> null;
        };
        // A response that may carry a private key is never to be stored by a cache on the way.
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(BootstrapResponse.of(view, privateKey, message));
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

    private String paymentMessage(BootstrapView view) {
        if (view.invoice() == null) {
            return view.state().isTerminal() ? null
                    : "The invoice is being issued; poll GET /api/bootstrap/" + view.bootstrapId();
        }
        String poll = "then poll GET /api/bootstrap/" + view.bootstrapId() + " until it is ready";
        String hash = view.invoice().paymentHash();
        return lightning.stub() ? "Stub mode: simulate payment with POST /api/dev/stub/pay/" + hash + ", " + poll
                : "Pay the invoice, " + poll;
    }

    private String stubMessage() {
        return bootstrap.stub() ? "Stub mode: no droplet exists; the address is a documentation one (192.0.2.0/24) "
                + "and the SSH key pair is real but opens nothing" : null;
    }
}
