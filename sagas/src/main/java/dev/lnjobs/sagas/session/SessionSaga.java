package dev.lnjobs.sagas.session;

import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.session.SessionCommands.AbandonSession;
import dev.lnjobs.api.session.SessionCommands.ConfirmSessionPayment;
import dev.lnjobs.api.session.SessionCommands.ExpireSession;
import dev.lnjobs.api.session.SessionCommands.FailTopUp;
import dev.lnjobs.api.session.SessionCommands.IssueDepositInvoice;
import dev.lnjobs.api.session.SessionCommands.IssueTopUpInvoice;
import dev.lnjobs.api.session.SessionEvents.DepositInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.RequestSettled;
import dev.lnjobs.api.session.SessionEvents.SessionActivated;
import dev.lnjobs.api.session.SessionEvents.SessionCreated;
import dev.lnjobs.api.session.SessionEvents.SessionExpired;
import dev.lnjobs.api.session.SessionEvents.SessionPaused;
import dev.lnjobs.api.session.SessionEvents.TopUpInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.TopUpPaid;
import dev.lnjobs.api.session.SessionEvents.TopUpRequested;
import dev.lnjobs.api.problem.RuleViolation;
import dev.lnjobs.sagas.lightning.InvoiceMemo;
import dev.lnjobs.sagas.lightning.LightningException;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps one session's invoices and its expiry. States: invoicing the deposit → waiting for the expiry deadline
 * (moved by each successful request) → ended on expiry. Top-up invoices are issued whenever one is asked for; a
 * transient Lightning failure is retried on a deadline, a bounded number of times. At the expiry deadline the node is
 * asked once more about the unpaid deposit and top-ups: a payment nobody noticed is confirmed, not lost.
 */
public class SessionSaga {

    private static final Logger log = LoggerFactory.getLogger(SessionSaga.class);
    static final String EXPIRY = "session-expiry";
    static final String RETRY = "session-invoice-retry";

    /** An invoice to issue: the deposit when {@code topUpId} is null, else that top-up; and which attempt this is. */
    public record InvoiceStep(String topUpId, long amountSats, int attempt) {
    }

    private String sessionId;
    private Instant scheduledExpiry;
    private String expiryDeadlineId;
    private String depositPaymentHash;
    private boolean activated;
    private Map<String, String> unpaidTopUps = new LinkedHashMap<>(); // top-up id → payment hash

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient LightningNode lightning;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient SessionFlowSettings settings;
    @Autowired
    private transient Clock clock;

    @StartSaga
    @SagaEventHandler(associationProperty = "sessionId")
    void on(SessionCreated event) {
        sessionId = event.sessionId();
        log.info("Session {} created for a deposit of {} sats", sessionId, event.depositSats());
        issue(new InvoiceStep(null, event.depositSats(), 1));
    }

    /** An unpaid session ends with its deposit invoice. */
    @SagaEventHandler(associationProperty = "sessionId")
    void on(DepositInvoiceIssued event) {
        depositPaymentHash = event.invoice().paymentHash();
        scheduleExpiry(event.invoice().expiresAt());
    }

    @SagaEventHandler(associationProperty = "sessionId")
    void on(SessionActivated event) {
        activated = true;
        log.info("Session {} active: balance {} sats, expires at {}", sessionId, event.balanceSats(),
                event.expiresAt());
        scheduleExpiry(event.expiresAt());
    }

    @SagaEventHandler(associationProperty = "sessionId")
    void on(SessionPaused event) {
        log.info("Session {} paused: balance {} sats is below the minimum of {}", sessionId, event.balanceSats(),
                event.minimumBalanceSats());
    }

    @SagaEventHandler(associationProperty = "sessionId")
    void on(TopUpRequested event) {
        issue(new InvoiceStep(event.topUpId(), event.amountSats(), 1));
    }

    @SagaEventHandler(associationProperty = "sessionId")
    void on(TopUpInvoiceIssued event) {
        unpaidTopUps.put(event.topUpId(), event.invoice().paymentHash());
    }

    @SagaEventHandler(associationProperty = "sessionId")
    void on(TopUpPaid event) {
        unpaidTopUps.remove(event.topUpId());
    }

    @SagaEventHandler(associationProperty = "sessionId")
    void on(RequestSettled event) {
        log.info("Session {}: request {} {}, debited {} of {} sats reserved, balance {} sats", sessionId,
                event.requestId(), event.outcome().wireName(), event.debitedSats(), event.reservedSats(),
                event.balanceSats());
        scheduleExpiry(event.expiresAt());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "sessionId")
    void on(SessionExpired event) {
        log.info("Session {} expired ({}), {} sats left on it", sessionId, event.reason(), event.balanceSats());
        if (expiryDeadlineId != null) {
            deadlines.cancelSchedule(EXPIRY, expiryDeadlineId);
        }
    }

    /** {@code dueAt} is the expiry this deadline was set for; the aggregate ignores it if a request moved it. */
    @DeadlineHandler(deadlineName = EXPIRY)
    void expire(Instant dueAt) {
        expiryDeadlineId = null;
        scheduledExpiry = null;
        unpaidTopUps.values().forEach(this::confirmIfPaid);
        if (!activated && depositPaymentHash != null && confirmIfPaid(depositPaymentHash)) {
            return; // the deposit was paid after all: the activation sets the session's own expiry
        }
        commands.sendAndWait(new ExpireSession(sessionId, dueAt));
    }

    /** The last check of an invoice before its session expires; an unreachable node leaves it to the aggregate. */
    private boolean confirmIfPaid(String paymentHash) {
        try {
            if (lightning.checkPayment(paymentHash) != LightningNode.PaymentStatus.PAID) {
                return false;
            }
        } catch (LightningException e) {
            log.warn("Session {}: could not check invoice {} before expiry: {}", sessionId, paymentHash,
                    e.getMessage());
            return false;
        }
        log.info("Session {}: invoice {} found paid at the expiry", sessionId, paymentHash);
        commands.sendAndWait(new ConfirmSessionPayment(sessionId, paymentHash, clock.instant()));
        return true;
    }

    @DeadlineHandler(deadlineName = RETRY)
    void retry(InvoiceStep step) {
        issue(step);
    }

    /** One persistent deadline per session, moved (by its id, cheaply) whenever the expiry moves. */
    private void scheduleExpiry(Instant expiresAt) {
        if (expiresAt == null || expiresAt.equals(scheduledExpiry)) {
            return;
        }
        if (expiryDeadlineId != null) {
            deadlines.cancelSchedule(EXPIRY, expiryDeadlineId);
        }
        expiryDeadlineId = deadlines.schedule(expiresAt, EXPIRY, expiresAt);
        scheduledExpiry = expiresAt;
    }

    private void issue(InvoiceStep step) {
        boolean deposit = step.topUpId() == null;
        try {
            Invoice invoice = lightning.createInvoice(step.amountSats(),
                    (deposit ? InvoiceMemo.DEPOSIT : InvoiceMemo.TOP_UP).text(), settings.invoiceExpiry());
            commands.sendAndWait(deposit ? new IssueDepositInvoice(sessionId, invoice)
                    : new IssueTopUpInvoice(sessionId, step.topUpId(), invoice));
        } catch (LightningException e) {
            retryOrFail(step, e);
        } catch (RuntimeException e) {
            // a refusal of the session, here or (translated) from the node that ran the command: nothing to issue
            if (RuleViolation.problemOf(e).isEmpty()) {
                throw e;
            }
            log.info("Session {}: invoice for {} not issued: {}", sessionId, deposit ? "the deposit" : step.topUpId(),
                    e.getMessage());
        }
    }

    private void retryOrFail(InvoiceStep step, LightningException e) {
        boolean deposit = step.topUpId() == null;
        RetryPolicy policy = settings.retryPolicy();
        Optional<Duration> delay = policy.next(step.attempt(), Failure.of(e),
                deposit ? sessionId : step.topUpId());
        if (delay.isPresent()) {
            log.info("Session {}: {} invoice failed ({}), attempt {} of {}, retrying in {}", sessionId,
                    deposit ? "deposit" : "top-up", e.getMessage(), step.attempt(), policy.maxAttempts(),
                    delay.get());
            deadlines.schedule(delay.get(), RETRY,
                    new InvoiceStep(step.topUpId(), step.amountSats(), step.attempt() + 1));
            return;
        }
        log.info("Session {}: {} invoice failed for good after {} attempt(s): {}", sessionId,
                deposit ? "deposit" : "top-up", step.attempt(), e.getMessage());
        commands.sendAndWait(deposit ? new AbandonSession(sessionId, "deposit invoice failed: " + e.getMessage())
                : new FailTopUp(sessionId, step.topUpId(), "top-up invoice failed: " + e.getMessage()));
    }
}
