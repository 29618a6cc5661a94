package dev.lnjobs.sagas.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordBootstrapRefundFailed;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordBootstrapRefundPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundFailed;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundRequested;
import dev.lnjobs.sagas.job.RefundFeeLimit;
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
 * Pays one claimed bootstrap refund exactly once, as {@code RefundSaga} pays a job's. States: requested →
 * (in flight) → paid | failed. Every attempt first asks the node about the payment hash and follows a payment it
 * knows instead of paying again; paid only when the node reports it settled, failed only when it reports that the
 * payment failed (or holds none after refusing the pay call), after which the refund may be claimed again with
 * another invoice. Every other answer keeps it pending, checked again on a persistent deadline, backing off. The
 * routing fee is capped as a job refund's is, and paid by the service (the client gets the whole fee back).
 */
public class BootstrapRefundSaga {

    private static final Logger log = LoggerFactory.getLogger(BootstrapRefundSaga.class);
    static final String RECHECK = "bootstrap-refund-recheck";
    static final Duration MAX_RECHECK_DELAY = Duration.ofMinutes(10);

    private String bootstrapId;
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
    private transient BootstrapSettings settings;
    @Autowired
    private transient RefundFeeLimit feeLimit;
    @Autowired
    private transient Clock clock;

    @StartSaga
    @SagaEventHandler(associationProperty = "paymentHash")
    void on(BootstrapRefundRequested event) {
        bootstrapId = event.bootstrapId();
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
    @SagaEventHandler(associationProperty = "paymentHash")
    void on(BootstrapRefundPaid event) {
        cancelRecheck();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "paymentHash")
    void on(BootstrapRefundFailed event) {
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
        long maxFeeSats = feeLimit.maxFeeSats(amountSats);
        log.info("Paying the refund of bootstrap {} (payment hash {}, {} sats, fee at most {} sats)",
                bootstrapId, paymentHash, amountSats, maxFeeSats);
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
        log.info("Refund of bootstrap {} settled (payment hash {}, routing fee {} sats)", bootstrapId, paymentHash,
                payment.feeSats() == null ? "unknown" : payment.feeSats());
        commands.sendAndWait(new RecordBootstrapRefundPaid(bootstrapId, paymentHash, clock.instant()));
    }

    private void failed(String reason) {
        log.info("Refund of bootstrap {} failed at the node: {}", bootstrapId, reason);
        commands.sendAndWait(new RecordBootstrapRefundFailed(bootstrapId, paymentHash, reason));
    }

    private void inFlight(String why) {
        nodeTookPayment = true;
        uncertain(why);
    }

    private void uncertain(String why) {
        uncertainAttempts++;
        Duration delay = settings.retryPolicy().baseDelay(uncertainAttempts);
        delay = delay.compareTo(MAX_RECHECK_DELAY) > 0 ? MAX_RECHECK_DELAY : delay;
        log.info("Refund of bootstrap {} not settled yet ({}); checking again in {}", bootstrapId, why, delay);
        recheckDeadline = deadlines.schedule(delay, RECHECK);
    }
}
