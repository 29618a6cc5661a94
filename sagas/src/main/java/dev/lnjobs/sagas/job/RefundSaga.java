package dev.lnjobs.sagas.job;

import dev.lnjobs.api.job.JobCommands.RecordRefundFailed;
import dev.lnjobs.api.job.JobCommands.RecordRefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundFailed;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.lightning.LightningNode.PaymentStatus;
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
 * Pays one refund exactly once. States: requested → paid | failed. Every attempt first asks the node about the
 * refund's payment hash, so a crash after paying and before recording it never leads to paying again; while the
 * outcome is uncertain (in flight, node unreachable) it keeps checking on a persistent deadline rather than
 * giving up, because a refund marked failed may be asked for again with another invoice.
 */
public class RefundSaga {

    private static final Logger log = LoggerFactory.getLogger(RefundSaga.class);
    static final String RECHECK = "refund-recheck";
    static final Duration MAX_RECHECK_DELAY = Duration.ofMinutes(10);

    private String jobId;
    private String bolt11;
    private String paymentHash;
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
    private transient Clock clock;

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(RefundRequested event) {
        jobId = event.jobId();
        bolt11 = event.bolt11();
        paymentHash = event.paymentHash();
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
            PaymentStatus status = lightning.checkPayment(paymentHash);
            switch (status) {
                case PAID -> paid();
                case PENDING -> uncertain("the payment is in flight");
                case UNKNOWN, FAILED -> pay();
            }
        } catch (LightningException e) {
            if (e.isTransient()) {
                uncertain(e.getMessage());
            } else {
                log.info("Refund of job {} failed: {}", jobId, e.getMessage());
                commands.sendAndWait(new RecordRefundFailed(jobId, paymentHash, e.getMessage()));
            }
        }
    }

    private void pay() {
        log.info("Paying the refund of job {} (payment hash {})", jobId, paymentHash);
        lightning.payInvoice(bolt11);
        paid();
    }

    private void paid() {
        log.info("Refund of job {} paid (payment hash {})", jobId, paymentHash);
        commands.sendAndWait(new RecordRefundPaid(jobId, paymentHash, clock.instant()));
    }

    private void uncertain(String why) {
        uncertainAttempts++;
        Duration delay = settings.retryDelay(uncertainAttempts);
        delay = delay.compareTo(MAX_RECHECK_DELAY) > 0 ? MAX_RECHECK_DELAY : delay;
        log.info("Refund of job {} not settled yet ({}); checking again in {}", jobId, why, delay);
        recheckDeadline = deadlines.schedule(delay, RECHECK);
    }
}
