package dev.lnjobs.server.job;

import dev.lnjobs.api.job.JobCommands.CheckRefundDue;
import dev.lnjobs.api.job.JobCommands.RequestRefund;
import dev.lnjobs.api.job.RefundState;
import dev.lnjobs.api.lightning.InvoiceQueries.FindInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.infra.lightning.RefundInvoiceVerifier;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;
import dev.lnjobs.sagas.job.RefundFeeLimit;
import dev.lnjobs.sagas.lightning.LightningAddresses;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.server.views.Views;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The refund claim behind {@code POST /api/jobs/{id}/refund}. Whether a refund may be claimed, and for how much, is
 * the {@code Job} aggregate's to judge: it answers the figure first ({@link CheckRefundDue}, refusing as the claim
 * would), the client's invoice is checked against that figure, and only then is the intent recorded
 * ({@link RequestRefund}, judged again, so a concurrent claim is refused there).
 */
@Service
class RefundService {

    /**
     * An accepted claim: the refund is pending payment to the invoice with this hash, for {@code refundAmountSats}
     * less {@code feeReserveSats} (kept back for routing by a payment to a Lightning Address; 0 for an invoice).
     */
    record RefundClaim(String jobId, RefundState refundState, long refundAmountSats, String refundPaymentHash,
                       long feeReserveSats) {
    }

    private final CommandGateway commands;
    private final Views views;
    private final JobReads reads;
    private final RefundInvoiceVerifier verifier;
    private final LightningAddresses addresses;
    private final RefundFeeLimit feeLimit;
    private final Clock clock;

    RefundService(CommandGateway commands, Views views, JobReads reads, RefundInvoiceVerifier verifier,
                  LightningAddresses addresses, RefundFeeLimit feeLimit, Clock clock) {
        this.commands = commands;
        this.views = views;
        this.reads = reads;
        this.verifier = verifier;
        this.addresses = addresses;
        this.feeLimit = feeLimit;
        this.clock = clock;
    }

    /** Empty when there is no such job; refused with the aggregate's or the invoice check's exception. */
    Optional<RefundClaim> claim(String jobId, String paymentRequest) {
        if (reads.find(jobId).isEmpty()) {
            return Optional.empty();
        }
        long due = commands.<Long>sendAndWait(new CheckRefundDue(jobId));
        Bolt11Invoice invoice = verifier.verify(paymentRequest, due, this::issuedByUs);
        commands.sendAndWait(new RequestRefund(jobId, invoice.paymentRequest(), invoice.paymentHash(), due,
                clock.instant()));
        return Optional.of(new RefundClaim(jobId, RefundState.PENDING, due, invoice.paymentHash(), 0));
    }

    /**
     * A claim to a Lightning Address: the address's service is asked for an invoice for the refund less the fee
     * reserve a payment to an address keeps back (the refund fee cap), the invoice is checked as a pasted one, and
     * the intent is recorded with the address and the reserve, exactly as a refund to the job's refund address.
     */
    Optional<RefundClaim> claimToAddress(String jobId, String lightningAddress) {
        if (reads.find(jobId).isEmpty()) {
            return Optional.empty();
        }
        if (!LightningAddresses.isWellFormed(lightningAddress)) {
            throw new IllegalArgumentException("lightningAddress must be a Lightning Address (name@domain)");
        }
        String address = lightningAddress.toLowerCase(Locale.ROOT);
        long due = commands.<Long>sendAndWait(new CheckRefundDue(jobId));
        long reserve = feeLimit.maxFeeSats(due);
        if (due <= reserve) {
            throw new IllegalArgumentException("a refund of " + due + " sats is no larger than the fee reserve of "
                    + reserve + " sats a payment to a Lightning Address keeps back: paste an invoice for " + due
                    + " sats instead");
        }
        Bolt11Invoice invoice = verifier.verify(invoiceFrom(address, due - reserve), due - reserve,
                this::issuedByUs);
        commands.sendAndWait(new RequestRefund(jobId, invoice.paymentRequest(), invoice.paymentHash(), due - reserve,
                clock.instant(), address, reserve));
        return Optional.of(new RefundClaim(jobId, RefundState.PENDING, due, invoice.paymentHash(), reserve));
    }

    private String invoiceFrom(String address, long amountSats) {
        try {
            return addresses.invoiceFor(address, amountSats).bolt11();
        } catch (LightningException e) {
            if (e.isTransient()) {
                throw e;
            }
            throw new IllegalArgumentException("the Lightning Address " + address + " gave no invoice to pay: "
                    + e.getMessage());
        }
    }

    private boolean issuedByUs(String paymentHash) {
        return views.find(new FindInvoice(paymentHash), IssuedInvoice.class).isPresent();
    }
}
