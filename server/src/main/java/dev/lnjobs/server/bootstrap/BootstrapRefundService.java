package dev.lnjobs.server.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.CheckBootstrapRefundDue;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RequestBootstrapRefund;
import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;
import dev.lnjobs.api.bootstrap.BootstrapQueries.FindBootstrap;
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
 * The refund claim behind {@code POST /api/bootstrap/{id}/refund}, as a job's: the {@code BootstrapJob} aggregate
 * answers the refund owed first (refusing as the claim would), the client's invoice is checked against that figure
 * (decode, signature, network, amount, expiry, not ours), and only then is the intent recorded, judged again, so a
 * concurrent claim is refused there; {@code BootstrapRefundSaga} pays it.
 */
@Service
class BootstrapRefundService {

    /** An accepted claim: the refund is pending payment to the invoice with this hash. */
    record BootstrapRefundClaim(String bootstrapJobId, RefundState refundState, long refundAmountSats,
                                String refundPaymentHash) {
    }

    private final CommandGateway commands;
    private final Views views;
    private final RefundInvoiceVerifier verifier;
    private final Clock clock;

    BootstrapRefundService(CommandGateway commands, Views views, RefundInvoiceVerifier verifier, Clock clock) {
        this.commands = commands;
        this.views = views;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** Empty when there is no such bootstrap; refused with the aggregate's or the invoice check's exception. */
    Optional<BootstrapRefundClaim> claim(String bootstrapId, String paymentRequest) {
        if (views.find(new FindBootstrap(bootstrapId), BootstrapView.class).isEmpty()) {
            return Optional.empty();
        }
        long due = commands.<Long>sendAndWait(new CheckBootstrapRefundDue(bootstrapId));
        Bolt11Invoice invoice = verifier.verify(paymentRequest, due, this::issuedByUs);
        commands.sendAndWait(new RequestBootstrapRefund(bootstrapId, invoice.paymentRequest(), invoice.paymentHash(),
                due, clock.instant()));
        return Optional.of(new BootstrapRefundClaim(bootstrapId, RefundState.PENDING, due, invoice.paymentHash()));
    }

    private boolean issuedByUs(String paymentHash) {
        return views.find(new FindInvoice(paymentHash), IssuedInvoice.class).isPresent();
    }
}
