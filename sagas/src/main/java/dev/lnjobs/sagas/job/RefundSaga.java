package dev.lnjobs.sagas.job;

import dev.lnjobs.api.job.JobCommands.RecordAddressRefundFailed;
import dev.lnjobs.api.job.JobCommands.RecordRefundFailed;
import dev.lnjobs.api.job.JobCommands.RecordRefundPaid;
import dev.lnjobs.api.job.JobCommands.RequestRefund;
import dev.lnjobs.api.job.JobEvents.AddressRefundDue;
import dev.lnjobs.api.job.JobEvents.AddressRefundFailed;
import dev.lnjobs.api.job.JobEvents.RefundFailed;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.api.problem.ProblemType;
import dev.lnjobs.api.problem.RuleViolation;
import dev.lnjobs.sagas.lightning.LightningAddresses;
import dev.lnjobs.sagas.lightning.LightningAddresses.AddressInvoice;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.lightning.OutgoingPayment;
import dev.lnjobs.sagas.retry.Failure;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Pays one refund exactly once. States: requested → (in flight) → paid | failed. Every attempt first asks the node
 * about the refund's payment hash and follows a payment it knows instead of paying again. The refund is paid only
 * when the node reports the payment settled and failed only when it reports that the payment failed (or that it
 * holds none after refusing the pay call): a failed refund may be claimed again with another invoice, so every
 * other answer (in flight, unreachable, refused credentials, unreadable) keeps it pending and is checked again on
 * a persistent deadline, backing off. A job with a refund address starts here one step earlier (address: resolving
 * → requested): the address is asked for an invoice for the refund less the fee reserve, and the intent recorded
 * like a claim's; an address that fails for good is recorded and the refund stays claimable by hand.
 */
public class RefundSaga {

    private static final Logger log = LoggerFactory.getLogger(RefundSaga.class);
    static final String RECHECK = "refund-recheck";
    static final Duration MAX_RECHECK_DELAY = Duration.ofMinutes(10);
    static final String ADDRESS_RETRY = "refund-address-retry";

    private String jobId;
    private String bolt11;
    private String paymentHash;
    private long amountSats;
    /** Once the node has taken the payment, its forgetting the hash is no licence to pay again. */
    private boolean nodeTookPayment;
    private int uncertainAttempts;
    private String recheckDeadline;
    /** The most routing may cost: the reserve kept back from a refund to an address; 0 for a claim by hand. */
    private long feeReserveSats;
    private String refundAddress;
    private long addressRefundSats;
    private int addressFailures;
    private String addressDeadline;

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
    @Autowired
    private transient LightningAddresses addresses;

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(AddressRefundDue event) {
        jobId = event.jobId();
        refundAddress = event.refundAddress();
        addressRefundSats = event.amountSats();
        resolveAddress();
    }

    @DeadlineHandler(deadlineName = ADDRESS_RETRY)
    void retryAddress() {
        addressDeadline = null;
        if (bolt11 == null) {
            resolveAddress();
        }
    }

    /** Ends the saga only when no claim by hand came meanwhile: that claim's payment is followed here. */
    @SagaEventHandler(associationProperty = "jobId")
    void on(AddressRefundFailed event) {
        if (bolt11 == null) {
            SagaLifecycle.end();
        }
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(RefundRequested event) {
        jobId = event.jobId();
        bolt11 = event.bolt11();
        paymentHash = event.paymentHash();
        amountSats = event.amountSats();
        feeReserveSats = event.feeReserveSats();
        cancelAddressRetry();
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
        long maxFeeSats = feeReserveSats > 0 ? feeReserveSats : feeLimit.maxFeeSats(amountSats);
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

    /** Asks the address for an invoice for the refund less the reserve, and records the intent to pay it. */
    private void resolveAddress() {
        long reserve = feeLimit.maxFeeSats(addressRefundSats);
        long payable = addressRefundSats - reserve;
        if (payable < 1) {
            addressFailed("the refund of " + addressRefundSats + " sats does not cover its fee reserve of " + reserve
                    + " sats");
            return;
        }
        AddressInvoice invoice;
        try {
            invoice = addresses.invoiceFor(refundAddress, payable);
        } catch (LightningException e) {
            addressRetryOrFail(Failure.of(e));
            return;
        }
        log.info("Refund of job {} to its refund address: {} sats, {} sats kept back for routing (payment hash {})",
                jobId, payable, reserve, invoice.paymentHash());
        try {
            commands.sendAndWait(new RequestRefund(jobId, invoice.bolt11(), invoice.paymentHash(), payable,
                    clock.instant(), refundAddress, reserve));
        } catch (RuntimeException e) {
            boolean claimedFirst = RuleViolation.problemOf(e)
                    .filter(p -> p.type().equals(ProblemType.REFUND_ALREADY_REQUESTED.uri())).isPresent();
            if (claimedFirst) {
                // a claim by hand came first, or this step's own intent was recorded before a restart
                log.info("Refund of job {} was already requested; that payment is followed instead", jobId);
            } else {
                addressRetryOrFail(Failure.classify(e));
            }
        }
    }

    private void addressRetryOrFail(Failure failure) {
        addressFailures++;
        Optional<Duration> delay = settings.retryPolicy().next(addressFailures, failure, jobId);
        if (delay.isPresent()) {
            log.info("Refund of job {} to its refund address failed ({}), attempt {}, retrying in {}", jobId,
                    failure.reason(), addressFailures, delay.get());
            addressDeadline = deadlines.schedule(delay.get(), ADDRESS_RETRY);
        } else {
            addressFailed(failure.reason());
        }
    }

    private void addressFailed(String reason) {
        log.info("Refund of job {} cannot be paid to its refund address ({}); it stays claimable", jobId, reason);
        commands.sendAndWait(new RecordAddressRefundFailed(jobId, refundAddress, reason));
    }

    private void cancelAddressRetry() {
        if (addressDeadline != null) {
            deadlines.cancelSchedule(ADDRESS_RETRY, addressDeadline);
            addressDeadline = null;
        }
    }
}
