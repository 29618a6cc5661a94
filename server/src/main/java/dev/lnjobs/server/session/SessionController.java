package dev.lnjobs.server.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.session.DepositOutOfRange;
import dev.lnjobs.api.session.SessionCommands.CreateSession;
import dev.lnjobs.api.session.SessionCommands.RequestTopUp;
import dev.lnjobs.api.session.SessionCommands.ReserveFunds;
import dev.lnjobs.api.session.SessionQueries.SessionRequestView;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionQueries.TopUpView;
import dev.lnjobs.api.session.SessionState;
import dev.lnjobs.api.session.SessionTerms;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.PaymentNotices;
import dev.lnjobs.sagas.pricing.PriceFeed;
import dev.lnjobs.server.config.SessionProperties;
import dev.lnjobs.server.job.RequestText;
import dev.lnjobs.server.session.SessionResponse.TopUpResponse;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
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
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Pre-funded sessions over HTTP: open one with a deposit, read it (with a fresh macaroon once paid), run requests
 * against its balance with that macaroon as bearer token, top it up.
 */
@RestController
@RequestMapping(path = "/api/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
class SessionController {

    private static final Duration INVOICE_WAIT = Duration.ofSeconds(10);
    private static final Duration PAYMENT_WAIT = Duration.ofSeconds(2);

    private final CommandGateway commands;
    private final SessionReads reads;
    private final SessionAuthentication authentication;
    private final PaymentNotices paymentNotices;
    private final PriceFeed priceFeed;
    private final SessionTerms terms;
    private final Tariff tariff;
    private final RequestText requestText;
    private final Duration requestWait;
    private final Clock clock;

    SessionController(CommandGateway commands, SessionReads reads, SessionAuthentication authentication,
                      PaymentNotices paymentNotices, PriceFeed priceFeed,
                      SessionTerms terms, Tariff tariff, RequestText requestText, SessionProperties properties,
                      Clock clock) {
        this.commands = commands;
        this.reads = reads;
        this.authentication = authentication;
        this.paymentNotices = paymentNotices;
        this.priceFeed = priceFeed;
        this.terms = terms;
        this.tariff = tariff;
        this.requestText = requestText;
        this.requestWait = properties.requestWait();
        this.clock = clock;
    }

    record AmountBody(@JsonProperty("amount_sats") Long amountSats) {
    }

    record RunRequestBody(String request) {
    }

    @Operation(summary = "Open a pre-funded session; answers the deposit invoice to pay")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionResponse> create(@RequestBody AmountBody body) {
        long amount = amount(body);
        String sessionId = UUID.randomUUID().toString();
        var subscription = reads.subscribe(sessionId);
        send(subscription, new CreateSession(sessionId, amount, terms, tariff, clock.instant()));
        SessionView view = SessionReads.awaitView(subscription,
                v -> v.depositInvoice() != null || v.state() == SessionState.EXPIRED, INVOICE_WAIT)
                .or(() -> reads.find(sessionId)).orElseThrow();
        // a wallet paying at once is routed even if this view lags: issued_invoice is written with the invoice
        boolean payable = view.depositInvoice() != null;
        HttpStatus status = payable ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(URI.create("/api/sessions/" + sessionId))
                .body(SessionResponse.of(view, null));
    }

    @Operation(summary = "Read a session; an unpaid deposit or top-up is re-checked with the Lightning node first, "
            + "and a usable session comes with a freshly minted macaroon")
    @GetMapping("/{sessionId}")
    SessionResponse get(@PathVariable String sessionId) {
        SessionView view = find(sessionId);
        String pendingHash = pendingPaymentHash(view);
        if (pendingHash != null) {
            var subscription = reads.subscribe(view.sessionId());
            PaymentNotices.Outcome outcome = paymentNotices.recheck(pendingHash);
            if (outcome == PaymentNotices.Outcome.CONFIRMED || outcome == PaymentNotices.Outcome.ALREADY_PAID) {
                view = SessionReads.awaitView(subscription, paymentShown(view), PAYMENT_WAIT).orElse(view);
            } else {
                subscription.close();
            }
        }
        return SessionResponse.of(view, authentication.mint(view));
    }

    @Operation(summary = "Run a request against the session's balance (Bearer macaroon): evaluation, then work; "
            + "debits the actual cost. 402 when the balance cannot cover the request's estimate")
    @PostMapping(path = "/{sessionId}/request", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RequestResponse> request(@PathVariable String sessionId,
                                            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                            String authorization,
                                            @RequestBody RunRequestBody body) {
        SessionView session = find(sessionId);
        authentication.requireToken(session, authorization);
        String request = requestText.check(body == null ? null : body.request());
        BtcPrice price = priceFeed.currentPrice(); // production: 503 before anything is opened, if none is fit
        String requestId = UUID.randomUUID().toString();
        var subscription = reads.subscribeRequest(requestId);
        send(subscription, new ReserveFunds(session.sessionId(), requestId, request, price, clock.instant()));
        RequestResponse response = SessionReads.awaitView(subscription, v -> v.state().isSettled(), requestWait)
                .or(() -> reads.findRequest(requestId)).map(RequestResponse::of)
                .orElseGet(() -> RequestResponse.running(requestId, session.sessionId()));
        HttpStatus status = response.state().isSettled() ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status)
                .location(URI.create("/api/sessions/" + session.sessionId() + "/requests/" + requestId))
                .body(response);
    }

    @Operation(summary = "Read one request of the session and its cost accounting (Bearer macaroon)")
    @GetMapping("/{sessionId}/requests/{requestId}")
    RequestResponse getRequest(@PathVariable String sessionId, @PathVariable String requestId,
                               @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                               String authorization) {
        SessionView session = find(sessionId);
        authentication.requireToken(session, authorization);
        String id = Ids.uuid(requestId, "request id");
        SessionRequestView view = reads.findRequest(id).filter(v -> v.sessionId().equals(session.sessionId()))
                .orElseThrow(() -> new NotFoundException("no request " + id + " in session " + session.sessionId()));
        return RequestResponse.of(view);
    }

    @Operation(summary = "Top up the session (Bearer macaroon); answers the invoice to pay. Once paid the balance "
            + "grows and a paused session is active again")
    @PostMapping(path = "/{sessionId}/topup", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TopUpResponse> topUp(@PathVariable String sessionId,
                                        @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                        String authorization,
                                        @RequestBody AmountBody body) {
        SessionView session = find(sessionId);
        authentication.requireToken(session, authorization);
        long amount = amount(body);
        String topUpId = UUID.randomUUID().toString();
        var subscription = reads.subscribe(session.sessionId());
        send(subscription, new RequestTopUp(session.sessionId(), topUpId, amount, clock.instant()));
        TopUpView topUp = SessionReads.awaitView(subscription, v -> v.topUp() != null
                        && v.topUp().topUpId().equals(topUpId)
                        && (v.topUp().invoice() != null || v.topUp().failure() != null), INVOICE_WAIT)
                .map(SessionView::topUp).orElse(new TopUpView(topUpId, amount, null, null));
        if (topUp.failure() != null) {
            throw new LightningException(topUp.failure(), true);
        }
        boolean payable = topUp.invoice() != null;
        HttpStatus status = payable ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(URI.create("/api/sessions/" + session.sessionId()))
                .body(TopUpResponse.of(session.sessionId(), topUp));
    }

    private SessionView find(String sessionId) {
        String id = Ids.uuid(sessionId, "session id");
        return reads.find(id).orElseThrow(() -> new NotFoundException("no session " + id));
    }

    private long amount(AmountBody body) {
        if (body == null || body.amountSats() == null) {
            throw new IllegalArgumentException("amount_sats is required");
        }
        if (!terms.allows(body.amountSats())) {
            throw new DepositOutOfRange(body.amountSats(), terms);
        }
        return body.amountSats();
    }

    /** Sends a command whose outcome the subscription will show; a refused command closes it. */
    private void send(SubscriptionQueryResult<?, ?> subscription, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
    }

    private static String pendingPaymentHash(SessionView view) {
        if (view.state() == SessionState.AWAITING_PAYMENT && view.depositInvoice() != null) {
            return view.depositInvoice().paymentHash();
        }
        TopUpView topUp = view.topUp();
        boolean topUpWaits = view.state() != SessionState.EXPIRED && topUp != null && topUp.invoice() != null
                && !topUp.invoice().paid();
        return topUpWaits ? topUp.invoice().paymentHash() : null;
    }

    /** The view once the payment shows: active after the deposit; the top-up counted, and resumed if it lifts it. */
    private static Predicate<SessionView> paymentShown(SessionView before) {
        if (before.state() == SessionState.AWAITING_PAYMENT) {
            return v -> v.state() != SessionState.AWAITING_PAYMENT;
        }
        return v -> v.topUp() != null && v.topUp().invoice() != null && v.topUp().invoice().paid()
                && !(v.state() == SessionState.PAUSED && v.balanceSats() >= v.minimumBalanceSats());
    }
}
