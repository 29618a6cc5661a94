package dev.lnjobs.sagas.session;

import dev.lnjobs.api.session.SessionCommands.RecordWithdrawalFailed;
import dev.lnjobs.api.session.SessionCommands.RecordWithdrawalPaid;
import dev.lnjobs.api.session.SessionEvents.WithdrawalFailed;
import dev.lnjobs.api.session.SessionEvents.WithdrawalPaid;
import dev.lnjobs.api.session.SessionEvents.WithdrawalRequested;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.lightning.OutgoingPayment;
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

/**
 * Pays one withdrawal of a session's balance exactly once, as {@code RefundSaga} pays a refund. States: requested →
 * (in flight) → paid | failed. Every attempt first asks the node about the payment hash and follows a payment it
 * knows instead of paying again; paid only when the node reports it settled, failed only when it reports that the
 * payment failed (or holds none after refusing the pay call), which puts the escrow back on the balance. Every other
 * answer keeps it pending, checked again on a persistent deadline, backing off. The fee cap is the fee reserve the
 * withdrawal kept back.
 */
public class WithdrawalSaga {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalSaga.class);
    static final String RECHECK = "withdrawal-recheck";
    static final Duration MAX_RECHECK_DELAY = Duration.ofMinutes(10);

    private String sessionId;
    private String withdrawalId;
    private String bolt11;
    private String paymentHash;
    private long amountSats;
    private long feeReserveSats;
    /** Once the node has taken the payment, its forgetting the hash is no licence to pay again. */
    private boolean nodeTookPayment;
    private int uncertainAttempts;
    private String recheckDeadline;

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
    @SagaEventHandler(associationProperty = "withdrawalId")
    void on(WithdrawalRequested event) {
        sessionId = event.sessionId();
        withdrawalId = event.withdrawalId();
        bolt11 = event.bolt11();
        paymentHash = event.paymentHash();
        amountSats = event.amountSats();
        feeReserveSats = event.feeReserveSats();
        attempt();
    }

    @DeadlineHandler(deadlineName = RECHECK)
    void recheck() {
        recheckDeadline = null;
        attempt();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "withdrawalId")
    void on(WithdrawalPaid event) {
        cancelRecheck();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "withdrawalId")
    void on(WithdrawalFailed event) {
        cancelRecheck();
    }

    private void cancelRecheck() {
        if (recheckDeadline != null) {
            deadlines.cancelSchedule(RECHECK, recheckDeadline);
            recheckDeadline = null;
        }
    }

    private void attempt() {
        try {
            OutgoingPayment known = lightning.checkOutgoingPayment(paymentHash);
            switch (known.state()) {
                case SETTLED -> settled(known);
                case FAILED -> failed(known.reason());
                case IN_FLIGHT -> inFlight("the payment is in flight");
                case UNKNOWN -> {
                    if (nodeTookPayment) {
                        uncertain("the node no longer reports the payment it took");
                    } else {
                        pay();
                    }
                }
            }
        } catch (LightningException e) {
            // transient or not, an answer the node could not give is no proof that the payment failed
            uncertain(e.getMessage());
        }
    }

    private void pay() {
        log.info("Paying withdrawal {} of session {} (payment hash {}, {} sats, fee at most {} sats)",
                withdrawalId, sessionId, paymentHash, amountSats, feeReserveSats);
        OutgoingPayment sent = lightning.payInvoice(bolt11, feeReserveSats);
        switch (sent.state()) {
            case SETTLED -> settled(sent);
            case FAILED -> refused(sent.reason());
            case IN_FLIGHT, UNKNOWN -> inFlight("the node took the payment");
        }
    }

    /** A refused pay call counts as a failure only once the node confirms it holds no live payment for the hash. */
    private void refused(String reason) {
        OutgoingPayment known = lightning.checkOutgoingPayment(paymentHash);
        switch (known.state()) {
            case SETTLED -> settled(known);
            case FAILED, UNKNOWN -> failed(reason);
            case IN_FLIGHT -> inFlight("the node refused the pay call but holds the payment in flight");
        }
    }

    private void settled(OutgoingPayment payment) {
        log.info("Withdrawal {} of session {} settled (payment hash {}, routing fee {} sats)", withdrawalId,
                sessionId, paymentHash, payment.feeSats() == null ? "unknown" : payment.feeSats());
        commands.sendAndWait(new RecordWithdrawalPaid(sessionId, withdrawalId, paymentHash, payment.feeSats(),
                clock.instant()));
    }

    private void failed(String reason) {
        log.info("Withdrawal {} of session {} failed at the node: {}", withdrawalId, sessionId, reason);
        commands.sendAndWait(new RecordWithdrawalFailed(sessionId, withdrawalId, paymentHash, reason));
    }

    private void inFlight(String why) {
        nodeTookPayment = true;
        uncertain(why);
    }

    private void uncertain(String why) {
        uncertainAttempts++;
        Duration delay = settings.retryPolicy().baseDelay(uncertainAttempts);
        delay = delay.compareTo(MAX_RECHECK_DELAY) > 0 ? MAX_RECHECK_DELAY : delay;
        log.info("Withdrawal {} of session {} not settled yet ({}); checking again in {}", withdrawalId, sessionId,
                why, delay);
        recheckDeadline = deadlines.schedule(delay, RECHECK);
    }
}
