package dev.lnjobs.command.session;

import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.session.DepositOutOfRange;
import dev.lnjobs.api.session.InsufficientBalance;
import dev.lnjobs.api.session.RequestCost;
import dev.lnjobs.api.session.SessionCommands.*;
import dev.lnjobs.api.session.SessionEvents.*;
import dev.lnjobs.api.session.SessionExpiredException;
import dev.lnjobs.api.session.SessionRuleViolation;
import dev.lnjobs.api.session.SessionState;
import dev.lnjobs.api.session.SessionTerms;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static dev.lnjobs.api.session.RequestState.COMPLETE;
import static dev.lnjobs.api.session.SessionState.ACTIVE;
import static dev.lnjobs.api.session.SessionState.AWAITING_PAYMENT;
import static dev.lnjobs.api.session.SessionState.CLOSED;
import static dev.lnjobs.api.session.SessionState.EXPIRED;
import static dev.lnjobs.api.session.SessionState.PAUSED;
import static dev.lnjobs.command.session.SessionRules.later;
import static dev.lnjobs.command.session.SessionRules.require;
import static dev.lnjobs.command.session.SessionRules.requireState;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A pre-funded session: a balance that requests draw on. States: awaiting_payment → active ⇄ paused → expired, and
 * closed once a withdrawal took its balance. A request reserves its estimate and is settled at its actual cost,
 * which may use the reservation and free balance but never what other requests hold (the balance stays >= 0).
 * Top-ups are kept in {@link TopUps}; withdrawals, by hand or to the refund address, in {@link SessionWithdrawals}.
 */
class Session {

    @AggregateIdentifier
    private String sessionId;
    private SessionState state;
    private SessionTerms terms;
    private Tariff tariff;
    private long depositSats;
    private Invoice depositInvoice;
    private boolean depositPaid;
    private long balanceSats;
    private Instant expiresAt;
    private final Map<String, Long> reservations = new HashMap<>();
    private final Set<String> settledRequests = new HashSet<>();
    private final TopUps topUps = new TopUps();
    @AggregateMember
    private final SessionWithdrawals withdrawals = new SessionWithdrawals();

    Session() {
        // for event sourcing
    }

    @CommandHandler
    Session(CreateSession command) {
        if (!command.terms().allows(command.depositSats())) {
            throw new DepositOutOfRange(command.depositSats(), command.terms());
        }
        apply(new SessionCreated(command.sessionId(), command.depositSats(), command.terms(), command.tariff(),
                command.requestedAt(), command.refundAddress()));
    }

    @CommandHandler
    void handle(IssueDepositInvoice command) {
        if (command.invoice().equals(depositInvoice)) {
            return;
        }
        require(depositInvoice == null, "the deposit invoice was already issued");
        requireState(state, AWAITING_PAYMENT, "issue a deposit invoice");
        require(command.invoice().amountSats() == depositSats,
                "the deposit invoice must be for the " + depositSats + " sats asked");
        apply(new DepositInvoiceIssued(sessionId, command.invoice()));
    }

    @CommandHandler
    void handle(ConfirmSessionPayment command) {
        String hash = command.paymentHash();
        if (depositInvoice != null && depositInvoice.paymentHash().equals(hash)) {
            if (!depositPaid) {
                long balance = balanceSats + depositInvoice.amountSats();
                // Paid into an expired session, the money is recorded (for a refund) but revives nothing.
                apply(new DepositPaid(sessionId, hash, depositInvoice.amountSats(), balance, command.paidAt()));
                if (state == AWAITING_PAYMENT) {
                    apply(new SessionActivated(sessionId, balance, command.paidAt().plus(terms.expiry())));
                }
            }
            return;
        }
        String topUpId = topUps.invoicedWith(hash).orElseThrow(() -> new SessionRuleViolation(
                "payment hash " + hash + " is not an invoice of session " + sessionId));
        TopUps.TopUp topUp = topUps.get(topUpId);
        if (topUp.paid()) {
            return;
        }
        long balance = balanceSats + topUp.amountSats();
        apply(new TopUpPaid(sessionId, topUpId, hash, topUp.amountSats(), balance, command.paidAt()));
        if (state == PAUSED && balance >= terms.minimumBalanceSats()) {
            apply(new SessionActivated(sessionId, balance, expiresAt));
        }
    }

    @CommandHandler
    void handle(RequestTopUp command) {
        if (topUps.contains(command.topUpId())) {
            return;
        }
        requireUsable(command.requestedAt(), "top up");
        if (!terms.allows(command.amountSats())) {
            throw new DepositOutOfRange(command.amountSats(), terms);
        }
        apply(new TopUpRequested(sessionId, command.topUpId(), command.amountSats(), command.requestedAt()));
    }

    @CommandHandler
    void handle(IssueTopUpInvoice command) {
        TopUps.TopUp topUp = topUps.require(command.topUpId(), sessionId);
        if (command.invoice().equals(topUp.invoice())) {
            return;
        }
        require(topUp.invoice() == null && !topUp.failed(),
                "top-up " + command.topUpId() + " already has an invoice or failed");
        if (state == EXPIRED) {
            throw new SessionExpiredException(sessionId, expiresAt);
        }
        require(command.invoice().amountSats() == topUp.amountSats(),
                "the top-up invoice must be for the " + topUp.amountSats() + " sats asked");
        apply(new TopUpInvoiceIssued(sessionId, command.topUpId(), command.invoice()));
    }

    @CommandHandler
    void handle(FailTopUp command) {
        TopUps.TopUp topUp = topUps.require(command.topUpId(), sessionId);
        if (topUp.invoice() == null && !topUp.failed()) {
            apply(new TopUpFailed(sessionId, command.topUpId(), command.reason()));
        }
    }

    @CommandHandler
    void handle(ReserveFunds command) {
        if (reservations.containsKey(command.requestId()) || settledRequests.contains(command.requestId())) {
            return;
        }
        requireUsable(command.requestedAt(), "run a request");
        require(command.request() != null && !command.request().isBlank(), "a request needs a non-empty text");
        RequestCost estimate = SessionPricing.estimate(command, tariff);
        long reserved = reservedSats();
        if (state == PAUSED || balanceSats - reserved < estimate.amountSats()) {
            throw new InsufficientBalance(sessionId, state == PAUSED, balanceSats, reserved, estimate.amountSats(),
                    terms.minimumBalanceSats());
        }
        apply(new FundsReserved(sessionId, command.requestId(), command.request(), estimate, estimate.amountSats(),
                command.requestedAt(), command.streamed()));
    }

    @CommandHandler
    void handle(SettleRequest command) {
        if (settledRequests.contains(command.requestId())) {
            return;
        }
        Long reserved = reservations.get(command.requestId());
        require(reserved != null, "request " + command.requestId() + " holds no reservation on session " + sessionId);
        RequestCost cost = SessionPricing.actual(command.outcome(), command.evalUsage(), command.workUsage(), tariff,
                command.btcPrice());
        // Its own reservation plus whatever nobody holds; what other requests reserved stays untouched.
        long collectable = balanceSats - (reservedSats() - reserved);
        long debited = Math.min(cost.amountSats(), collectable);
        long balance = balanceSats - debited;
        Instant expiry = command.outcome() == COMPLETE && state != EXPIRED
                ? later(expiresAt, command.settledAt().plus(terms.expiry())) : expiresAt;
        apply(new RequestSettled(sessionId, command.requestId(), command.outcome(), command.result(),
                command.reason(), cost, reserved, debited, cost.amountSats() - debited, balance, expiry,
                command.settledAt()));
        if (state == ACTIVE && balance < terms.minimumBalanceSats()) {
            apply(new SessionPaused(sessionId, balance, terms.minimumBalanceSats()));
        }
    }

    @CommandHandler
    void handle(ExpireSession command) {
        if (state == EXPIRED || state == CLOSED) {
            return;
        }
        if (state == AWAITING_PAYMENT) {
            if (depositInvoice != null && !command.dueAt().isBefore(depositInvoice.expiresAt())) {
                apply(new SessionExpired(sessionId, balanceSats, "the deposit invoice expired unpaid"));
            }
        } else if (!command.dueAt().isBefore(expiresAt)) {
            apply(new SessionExpired(sessionId, balanceSats, "no successful request before " + expiresAt));
            withdrawals.payToRefundAddress(command.dueAt());
        }
    }

    @CommandHandler
    void handle(AbandonSession command) {
        if (state == EXPIRED) {
            return;
        }
        requireState(state, AWAITING_PAYMENT, "abandon the session");
        require(depositInvoice == null, "a session with a deposit invoice expires with that invoice");
        apply(new SessionExpired(sessionId, balanceSats, command.reason()));
    }

    private void requireUsable(Instant at, String action) {
        if (state == EXPIRED || (expiresAt != null && !at.isBefore(expiresAt))) {
            throw new SessionExpiredException(sessionId, expiresAt);
        }
        require(state != AWAITING_PAYMENT && state != CLOSED, "cannot " + action + " while the session is "
                + state.wireName());
    }

    private long reservedSats() {
        return reservations.values().stream().mapToLong(Long::longValue).sum();
    }

    @EventSourcingHandler
    void on(SessionCreated event) {
        sessionId = event.sessionId();
        terms = event.terms();
        tariff = event.tariff();
        depositSats = event.depositSats();
        state = AWAITING_PAYMENT;
    }

    @EventSourcingHandler
    void on(DepositInvoiceIssued event) {
        depositInvoice = event.invoice();
    }

    @EventSourcingHandler
    void on(DepositPaid event) {
        depositPaid = true;
        balanceSats = event.balanceSats();
    }

    @EventSourcingHandler
    void on(SessionActivated event) {
        state = ACTIVE;
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(SessionPaused event) {
        state = PAUSED;
    }

    @EventSourcingHandler
    void on(TopUpRequested event) {
        topUps.on(event);
    }

    @EventSourcingHandler
    void on(TopUpInvoiceIssued event) {
        topUps.on(event);
    }

    @EventSourcingHandler
    void on(TopUpFailed event) {
        topUps.on(event);
    }

    @EventSourcingHandler
    void on(TopUpPaid event) {
        topUps.on(event);
        balanceSats = event.balanceSats();
    }

    @EventSourcingHandler
    void on(FundsReserved event) {
        reservations.put(event.requestId(), event.reservedSats());
    }

    @EventSourcingHandler
    void on(RequestSettled event) {
        reservations.remove(event.requestId());
        settledRequests.add(event.requestId());
        balanceSats = event.balanceSats();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(SessionExpired event) {
        state = EXPIRED;
    }

    @EventSourcingHandler
    void on(WithdrawalEvent event) {
        balanceSats = event.balanceSats();
        state = CLOSED;
    }
}
