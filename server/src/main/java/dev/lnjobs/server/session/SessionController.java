package dev.lnjobs.server.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lnjobs.api.session.SessionQueries.SessionRequestView;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionQueries.TopUpView;
import dev.lnjobs.server.job.RequestText;
import dev.lnjobs.server.lightning.RefundAddresses;
import dev.lnjobs.server.session.SessionResponse.TopUpResponse;
import dev.lnjobs.server.session.SessionService.RequestRun;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import dev.lnjobs.server.web.OpenApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Pre-funded sessions over HTTP: open one with a deposit (answered with its macaroon), read it, run requests
 * against its balance with that macaroon as bearer token, top it up. The flow is {@link SessionService}'s; this
 * class parses, authenticates ({@link SessionAuthentication}), picks status codes and headers.
 */
@RestController
@RequestMapping(path = "/api/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
class SessionController {

    private final SessionService sessions;
    private final SessionAuthentication authentication;
    private final RequestText requestText;

    SessionController(SessionService sessions, SessionAuthentication authentication, RequestText requestText) {
        this.sessions = sessions;
        this.authentication = authentication;
        this.requestText = requestText;
    }

    record AmountBody(@JsonProperty("amount_sats") Long amountSats) {
    }

    record OpenBody(@JsonProperty("amount_sats") Long amountSats,
                    @Schema(description = "optional Lightning Address (name@domain) where the session's remaining "
                            + "balance is to be paid when it ends; recorded with the session and shown to its holder",
                            example = "alice@wallet.example", nullable = true) String refundAddress) {
    }

    record RunRequestBody(String request) {
    }

    @Operation(summary = "Open a pre-funded session; answers the deposit invoice to pay and the session's macaroon "
            + "(as macaroon and accessToken), shown this once; it authenticates once the deposit is paid")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionResponse> create(@RequestBody OpenBody body) {
        long amount = amount(body == null ? null : new AmountBody(body.amountSats()));
        String refundAddress = RefundAddresses.check(body.refundAddress());
        SessionView view = refundAddress == null ? sessions.open(amount) : sessions.open(amount, refundAddress);
        // a wallet paying at once is routed even if this view lags: issued_invoice is written with the invoice
        HttpStatus status = view.depositInvoice() != null ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(URI.create("/api/sessions/" + view.sessionId()))
                .body(SessionResponse.of(view, authentication.mintAtCreation(view.sessionId())));
    }

    @Operation(summary = "Read a session (a read only reads: payments are pushed to the service). "
            + "Without a bearer macaroon: the state only (no macaroon, no balance); with the session's macaroon: the "
            + "full view and, while the session is usable, a fresh macaroon (401 with one not of this session)",
            security = @SecurityRequirement(name = OpenApiDocument.SESSION_MACAROON))
    @GetMapping("/{sessionId}")
    SessionResponse get(@PathVariable String sessionId,
                        @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String id = Ids.uuid(sessionId, "session id");
        boolean holder = authentication.holds(id, authorization); // before the read: a bad token costs no node call
        SessionView view = sessions.read(id).orElseThrow(() -> noSession(id));
        return holder ? SessionResponse.of(view, authentication.mintForHolder(view)) : SessionResponse.stateOnly(view);
    }

    @Operation(summary = "Run a request against the session's balance (Bearer macaroon): evaluation, then work; "
            + "debits the actual cost. 402 when the balance cannot cover the request's estimate",
            security = @SecurityRequirement(name = OpenApiDocument.SESSION_MACAROON))
    @PostMapping(path = "/{sessionId}/request", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RequestResponse> request(@PathVariable String sessionId,
                                            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                            String authorization,
                                            @RequestBody RunRequestBody body) {
        SessionView session = authenticated(sessionId, authorization);
        RequestRun run = sessions.runRequest(session.sessionId(),
                requestText.check(body == null ? null : body.request()));
        RequestResponse response = run.view() == null ? RequestResponse.running(run.requestId(), run.sessionId())
                : RequestResponse.of(run.view());
        HttpStatus status = response.state().isSettled() ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status)
                .location(URI.create("/api/sessions/" + run.sessionId() + "/requests/" + run.requestId()))
                .body(response);
    }

    @Operation(summary = "Read one request of the session and its cost accounting (Bearer macaroon)",
            security = @SecurityRequirement(name = OpenApiDocument.SESSION_MACAROON))
    @GetMapping("/{sessionId}/requests/{requestId}")
    RequestResponse getRequest(@PathVariable String sessionId, @PathVariable String requestId,
                               @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                               String authorization) {
        SessionView session = authenticated(sessionId, authorization);
        String id = Ids.uuid(requestId, "request id");
        SessionRequestView view = sessions.findRequest(session.sessionId(), id)
                .orElseThrow(() -> new NotFoundException("no request " + id + " in session " + session.sessionId()));
        return RequestResponse.of(view);
    }

    @Operation(summary = "Top up the session (Bearer macaroon); answers the invoice to pay. Once paid the balance "
            + "grows and a paused session is active again",
            security = @SecurityRequirement(name = OpenApiDocument.SESSION_MACAROON))
    @PostMapping(path = "/{sessionId}/topup", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TopUpResponse> topUp(@PathVariable String sessionId,
                                        @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                        String authorization,
                                        @RequestBody AmountBody body) {
        SessionView session = authenticated(sessionId, authorization);
        TopUpView topUp = sessions.topUp(session.sessionId(), amount(body));
        HttpStatus status = topUp.invoice() != null ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(URI.create("/api/sessions/" + session.sessionId()))
                .body(TopUpResponse.of(session.sessionId(), topUp));
    }

    /** The session, once the request's bearer macaroon is one of its own (410 for an expired one, 401 otherwise). */
    private SessionView authenticated(String sessionId, String authorization) {
        String id = Ids.uuid(sessionId, "session id");
        SessionView session = sessions.find(id).orElseThrow(() -> noSession(id));
        authentication.requireToken(session, authorization);
        return session;
    }

    /** Only that an amount is there; its range is the aggregate's rule (400 from it). */
    private static long amount(AmountBody body) {
        if (body == null || body.amountSats() == null) {
            throw new IllegalArgumentException("amount_sats is required");
        }
        return body.amountSats();
    }

    private static NotFoundException noSession(String id) {
        return new NotFoundException("no session " + id);
    }
}
