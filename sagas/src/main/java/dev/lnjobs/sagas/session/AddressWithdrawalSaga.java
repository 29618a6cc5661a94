package dev.lnjobs.sagas.session;

import dev.lnjobs.api.problem.RuleViolation;
import dev.lnjobs.api.session.SessionCommands.CheckWithdrawal;
import dev.lnjobs.api.session.SessionCommands.RecordAddressWithdrawalFailed;
import dev.lnjobs.api.session.SessionCommands.RequestWithdrawal;
import dev.lnjobs.api.session.SessionEvents.AddressWithdrawalDue;
import dev.lnjobs.api.session.SessionEvents.AddressWithdrawalFailed;
import dev.lnjobs.api.session.SessionEvents.WithdrawalRequested;
import dev.lnjobs.sagas.job.RefundFeeLimit;
import dev.lnjobs.sagas.lightning.LightningAddresses;
import dev.lnjobs.sagas.lightning.LightningAddresses.AddressInvoice;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.retry.Failure;
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
import java.util.Optional;

/**
 * The step before {@link WithdrawalSaga} when an expired session's balance goes to its refund address, with no claim.
 * States: resolving → requested (the intent recorded as {@code WithdrawalRequested}, which {@link WithdrawalSaga}
 * pays exactly once, as any withdrawal) | failed (the balance stays withdrawable by hand). Each attempt asks the
 * session what is withdrawable now, keeps back the fee reserve a withdrawal by hand keeps, and asks the address for
 * an invoice for the rest. The withdrawal id comes with the due event, so a repeated attempt after a crash records
 * nothing twice; a withdrawal by hand that came first wins.
 */
public class AddressWithdrawalSaga {

    private static final Logger log = LoggerFactory.getLogger(AddressWithdrawalSaga.class);
    static final String RETRY = "address-withdrawal-retry";

    private String sessionId;
    private String withdrawalId;
    private String refundAddress;
    private int failures;
    private String retryDeadline;

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient SessionFlowSettings settings;
    @Autowired
    private transient RefundFeeLimit feeLimit;
    @Autowired
    private transient LightningAddresses addresses;
    @Autowired
    private transient WithdrawalWindow window;
    @Autowired
    private transient Clock clock;

    @StartSaga
    @SagaEventHandler(associationProperty = "withdrawalId")
    void on(AddressWithdrawalDue event) {
        sessionId = event.sessionId();
        withdrawalId = event.withdrawalId();
        refundAddress = event.refundAddress();
        resolve();
    }

    @DeadlineHandler(deadlineName = RETRY)
    void retry() {
        retryDeadline = null;
        resolve();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "withdrawalId")
    void on(WithdrawalRequested event) {
        cancelRetry();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "withdrawalId")
    void on(AddressWithdrawalFailed event) {
        cancelRetry();
    }

    private void resolve() {
        long available;
        try {
            available = commands.<Long>sendAndWait(new CheckWithdrawal(sessionId, window.window(),
                    feeLimit.minFeeSats(), clock.instant()));
        } catch (RuntimeException e) {
            refusedOrRetry(e);
            return;
        }
        long reserve = feeLimit.maxFeeSats(available);
        long amount = available - reserve;
        AddressInvoice invoice;
        try {
            invoice = addresses.invoiceFor(refundAddress, amount);
        } catch (LightningException e) {
            retryOrFail(Failure.of(e));
            return;
        }
        log.info("Withdrawal {} of session {} to its refund address: {} sats, {} sats kept back (payment hash {})",
                withdrawalId, sessionId, amount, reserve, invoice.paymentHash());
        try {
            commands.sendAndWait(new RequestWithdrawal(sessionId, withdrawalId, refundAddress, invoice.bolt11(),
                    invoice.paymentHash(), amount, reserve, window.window(), clock.instant()));
        } catch (RuntimeException e) {
            refusedOrRetry(e);
        }
    }

    /** The session's refusal (nothing to withdraw, a withdrawal by hand first, the window closed) is final. */
    private void refusedOrRetry(RuntimeException e) {
        Optional<String> refusal = RuleViolation.problemOf(e).map(p -> p.detail());
        if (refusal.isPresent()) {
            failed("the session refused it: " + refusal.get());
        } else {
            retryOrFail(Failure.classify(e));
        }
    }

    private void retryOrFail(Failure failure) {
        failures++;
        Optional<Duration> delay = settings.retryPolicy().next(failures, failure, withdrawalId);
        if (delay.isPresent()) {
            log.info("Withdrawal {} of session {} to its refund address failed ({}), attempt {}, retrying in {}",
                    withdrawalId, sessionId, failure.reason(), failures, delay.get());
            retryDeadline = deadlines.schedule(delay.get(), RETRY);
        } else {
            failed(failure.reason());
        }
    }

    private void failed(String reason) {
        log.info("Withdrawal {} of session {} cannot be paid to its refund address ({}); it stays withdrawable",
                withdrawalId, sessionId, reason);
        commands.sendAndWait(new RecordAddressWithdrawalFailed(sessionId, withdrawalId, refundAddress, reason));
    }

    private void cancelRetry() {
        if (retryDeadline != null) {
            deadlines.cancelSchedule(RETRY, retryDeadline);
            retryDeadline = null;
        }
    }
}
