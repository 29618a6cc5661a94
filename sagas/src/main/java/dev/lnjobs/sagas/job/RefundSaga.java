package dev.lnjobs.sagas.job;

import dev.lnjobs.api.job.JobCommands.RecordRefundFailed;
import dev.lnjobs.api.job.JobCommands.RecordRefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundFailed;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
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
 * Pays one refund exactly once. States: requested → (in flight) → paid | failed. Every attempt first asks the node
 * about the refund's payment hash and follows a payment it knows instead of paying again. The refund is paid only
 * when the node reports the payment settled and failed only when it reports that the payment failed (or that it
 * holds none after refusing the pay call): a failed refund may be claimed again with another invoice, so every
 * other answer (in flight, unreachable, refused credentials, unreadable) keeps it pending and is checked again on
 * a persistent deadline, backing off.
 */
public class RefundSaga {

    private static final Logger log = LoggerFactory.getLogger(RefundSaga.class);
    static final String RECHECK = "refund-recheck";
    static final Duration MAX_RECHECK_DELAY = Duration.ofMinutes(10);

    private String jobId;
    private String bolt11;
    private String paymentHash;
    private long amountSats;
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
    private transient JobFlowSettings settings;
    @Autowired
    private transient RefundFeeLimit feeLimit;
    @Autowired
    private transient Clock clock;

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(RefundRequested event) {
        jobId = event.jobId();
        bolt11 = event.bolt11();
        paymentHash = event.paymentHash();
        amountSats = event.amountSats();
        attempt();
    }

    @DeadlineHandler(deadlineName = RECHECK)
    void recheck() {
        recheckDeadline = null;
        attempt();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(RefundPaid event) {
        cancelRecheck();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(RefundFailed event) {
        cancelRecheck();
    }

    /** By the id it was scheduled under: a search of every scheduled deadline would grow with all other jobs. */
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
        long maxFeeSats = feeLimit.maxFeeSats(amountSats);
        log.info("Paying the refund of job {} (payment hash {}, {} sats, fee at most {} sats)",
                jobId, paymentHash, amountSats, maxFeeSats);
        OutgoingPayment sent = lightning.payInvoice(bolt11, maxFeeSats);
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
        log.info("Refund of job {} settled (payment hash {}, routing fee {} sats)", jobId, paymentHash,
                payment.feeSats() == null ? "unknown" : payment.feeSats());
        commands.sendAndWait(new RecordRefundPaid(jobId, paymentHash, clock.instant()));
    }

    private void failed(String reason) {
        log.info("Refund of job {} failed at the node: {}", jobId, reason);
        commands.sendAndWait(new RecordRefundFailed(jobId, paymentHash, reason));
    }

    private void inFlight(String why) {
        nodeTookPayment = true;
        uncertain(why);
    }

    private void uncertain(String why) {
        uncertainAttempts++;
        Duration delay = settings.retryDelay(uncertainAttempts);
        delay = delay.compareTo(MAX_RECHECK_DELAY) > 0 ? MAX_RECHECK_DELAY : delay;
        log.info("Refund of job {} not settled yet ({}); checking again in {}", jobId, why, delay);
        recheckDeadline = deadlines.schedule(delay, RECHECK);
    }
}
