package dev.lnjobs.server.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;
import dev.lnjobs.server.bootstrap.BootstrapService.BootstrapRead;
import dev.lnjobs.server.config.BootstrapProperties;
import dev.lnjobs.server.config.LightningProperties;
import dev.lnjobs.server.auth.AccessTokenCheck;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import dev.lnjobs.server.web.OpenApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * The Lightning-gated node bootstrap over HTTP: request one, read it; the SSH private key leaves exactly once. The
 * flow (invoice wait, payment re-check, key hand-over) is {@link BootstrapService}'s; this class adds the messages
 * for a person and the cache headers.
 */
@RestController
@ConditionalOnProperty(name = "lnjobs.bootstrap.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping(path = "/api/bootstrap", produces = MediaType.APPLICATION_JSON_VALUE)
class BootstrapController {

    private final BootstrapService bootstraps;
    private final BootstrapProperties bootstrap;
    private final LightningProperties lightning;
    private final AccessTokenCheck accessTokens;

    BootstrapController(BootstrapService bootstraps, BootstrapProperties bootstrap, LightningProperties lightning,
                        AccessTokenCheck accessTokens) {
        this.bootstraps = bootstraps;
        this.bootstrap = bootstrap;
        this.lightning = lightning;
        this.accessTokens = accessTokens;
    }

    @Operation(summary = "Request a node bootstrap; answers the invoice for BOOTSTRAP_FEE_SATS to pay and the "
            + "bootstrap's accessToken, shown this once: the credential its node's credentials and SSH key need")
    @PostMapping
    ResponseEntity<BootstrapResponse> create() {
        BootstrapView view = bootstraps.request();
        HttpStatus status = view.invoice() != null ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(URI.create("/api/bootstrap/" + view.bootstrapId()))
                .body(BootstrapResponse.created(view, paymentMessage(view),
                        accessTokens.mintForBootstrap(view.bootstrapId())));
    }

    @Operation(summary = "Read a bootstrap: awaiting_payment → provisioning → ready | failed. Only with the "
            + "bootstrap's accessToken as bearer token does a ready node come with its credentials, the first such "
            + "read with the SSH private key (later reads show sshKeyNote instead); without it, the state only "
            + "(401 with a token not issued by us, 403 with another bootstrap's)",
            security = @SecurityRequirement(name = OpenApiDocument.ACCESS_TOKEN))
    @GetMapping("/{bootstrapJobId}")
    ResponseEntity<BootstrapResponse> get(@PathVariable String bootstrapJobId,
                                          @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                          String authorization) {
        String id = Ids.uuid(bootstrapJobId, "bootstrap id");
        boolean holder = accessTokens.holdsBootstrap(id, authorization);
        BootstrapRead read = bootstraps.read(id, holder)
                .orElseThrow(() -> new NotFoundException("no bootstrap " + id));
        BootstrapView view = read.view();
        String message = switch (view.state()) {
            case AWAITING_PAYMENT -> paymentMessage(view);
            case READY -> stubMessage();
            default -> null;
        };
        // A response that may carry a private key is never to be stored by a cache on the way.
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(holder ? BootstrapResponse.of(view, read.sshPrivateKey(), message)
                        : BootstrapResponse.stateOnly(view, message));
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
