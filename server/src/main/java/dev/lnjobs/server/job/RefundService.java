package dev.lnjobs.server.job;

import dev.lnjobs.api.job.JobCommands.CheckRefundDue;
import dev.lnjobs.api.job.JobCommands.RequestRefund;
import dev.lnjobs.api.job.RefundState;
import dev.lnjobs.api.lightning.InvoiceQueries.FindInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.infra.lightning.RefundInvoiceVerifier;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;
import dev.lnjobs.server.views.Views;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Optional;

/**
 * The refund claim behind {@code POST /api/jobs/{id}/refund}. Whether a refund may be claimed, and for how much, is
 * the {@code Job} aggregate's to judge: it answers the figure first ({@link CheckRefundDue}, refusing as the claim
 * would), the client's invoice is checked against that figure, and only then is the intent recorded
 * ({@link RequestRefund}, judged again, so a concurrent claim is refused there).
 */
@Service
class RefundService {

    /** An accepted claim: the refund is pending payment to the invoice with this hash. */
    record RefundClaim(String jobId, RefundState refundState, long refundAmountSats, String refundPaymentHash) {
    }

    private final CommandGateway commands;
    private final Views views;
    private final JobReads reads;
    private final RefundInvoiceVerifier verifier;
    private final Clock clock;

    RefundService(CommandGateway commands, Views views, JobReads reads, RefundInvoiceVerifier verifier, Clock clock) {
        this.commands = commands;
        this.views = views;
        this.reads = reads;
        this.verifier = verifier;
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
        return Optional.of(new RefundClaim(jobId, RefundState.PENDING, due, invoice.paymentHash()));
    }

    private boolean issuedByUs(String paymentHash) {
        return views.find(new FindInvoice(paymentHash), IssuedInvoice.class).isPresent();
    }
}
