package dev.lnjobs.server.session;

import dev.lnjobs.api.lightning.InvoiceQueries.FindInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.api.session.SessionCommands.CheckWithdrawal;
import dev.lnjobs.api.session.SessionCommands.RequestWithdrawal;
import dev.lnjobs.api.session.SessionQueries.FindSession;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.WithdrawalQueries.FindLatestWithdrawal;
import dev.lnjobs.api.session.WithdrawalQueries.WithdrawalView;
import dev.lnjobs.infra.lightning.RefundInvoiceVerifier;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;
import dev.lnjobs.sagas.job.RefundFeeLimit;
import dev.lnjobs.sagas.lightning.LightningAddresses;
import dev.lnjobs.sagas.lightning.LightningAddresses.AddressInvoice;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.server.config.WithdrawalProperties;
import dev.lnjobs.server.views.Views;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Withdrawing a session's balance, behind {@code POST /api/sessions/{id}/withdraw}. The {@code Session} aggregate
 * answers what may be withdrawn (refusing as the withdrawal would); a fee reserve, the refunds' fee cap of that
 * figure, is kept back; the rest is paid to the client's invoice (checked as a refund invoice is, for exactly that)
 * or to an invoice its Lightning Address issued for it; only then is the intent recorded, which the aggregate judges
 * again, so a concurrent withdrawal is refused there.
 */
@Service
class WithdrawalService {

    /** An accepted withdrawal: its escrow is pending payment to the invoice with this hash. */
    record Withdrawal(String sessionId, String withdrawalId, String state, String destination, long amountSats,
                      long feeReserveSats, String paymentHash) {
    }

    /** The sats a withdrawal pays out and the fee reserve it keeps back, which add up to the available balance. */
    record Payout(long amountSats, long feeReserveSats) {
    }

    private final CommandGateway commands;
    private final Views views;
    private final RefundInvoiceVerifier verifier;
    private final RefundFeeLimit feeLimit;
    private final ObjectProvider<LightningAddresses> addresses;
    private final Duration window;
    private final Clock clock;

    WithdrawalService(CommandGateway commands, Views views, RefundInvoiceVerifier verifier, RefundFeeLimit feeLimit,
                      ObjectProvider<LightningAddresses> addresses, WithdrawalProperties properties, Clock clock) {
        this.commands = commands;
        this.views = views;
        this.verifier = verifier;
        this.feeLimit = feeLimit;
        this.addresses = addresses;
        this.window = properties.window();
        this.clock = clock;
    }

    Optional<SessionView> find(String sessionId) {
        return views.find(new FindSession(sessionId), SessionView.class);
    }

    Optional<WithdrawalView> latest(String sessionId) {
        return views.find(new FindLatestWithdrawal(sessionId), WithdrawalView.class);
    }

    /** Exactly one of {@code invoice} and {@code lightningAddress}; refused with the aggregate's or a check's. */
    Withdrawal withdraw(String sessionId, String invoice, String lightningAddress) {
        if ((invoice == null) == (lightningAddress == null)) {
            throw new IllegalArgumentException("give either invoice or lightningAddress, not both nor neither");
        }
        if (lightningAddress != null && !LightningAddresses.isWellFormed(lightningAddress)) {
            throw new IllegalArgumentException("lightningAddress is not of the form name@domain (LUD-16)");
        }
        Payout payout = payout(sessionId);
        long reserve = payout.feeReserveSats();
        long amount = payout.amountSats();
        String destination;
        Bolt11Invoice checked;
        if (invoice != null) {
            destination = "invoice";
            checked = verifier.verify(invoice, amount, this::issuedByUs);
        } else {
            destination = lightningAddress.toLowerCase(Locale.ROOT);
            checked = verifier.verify(invoiceFrom(destination, amount).bolt11(), amount, this::issuedByUs);
        }
        return request(sessionId, destination, checked, amount, reserve);
    }

    /** What a withdrawal now would pay and keep back, refused as the withdrawal would be. */
    Payout payout(String sessionId) {
        long available = commands.<Long>sendAndWait(new CheckWithdrawal(sessionId, window,
                feeLimit.minFeeSats(), clock.instant()));
        long reserve = feeLimit.maxFeeSats(available);
        return new Payout(available - reserve, reserve);
    }

    /** The checks of a refund invoice, for exactly {@code amountSats}: a {@code RefundInvoiceRejected} naming one. */
    Bolt11Invoice check(String invoice, long amountSats) {
        return verifier.verify(invoice, amountSats, this::issuedByUs);
    }

    /** Records the intent; the aggregate refuses a second one while this is pending. */
    Withdrawal request(String sessionId, String destination, Bolt11Invoice invoice, long amount, long reserve) {
        String withdrawalId = UUID.randomUUID().toString();
        commands.sendAndWait(new RequestWithdrawal(sessionId, withdrawalId, destination, invoice.paymentRequest(),
                invoice.paymentHash(), amount, reserve, window, clock.instant()));
        return new Withdrawal(sessionId, withdrawalId, "pending", destination, amount, reserve,
                invoice.paymentHash());
    }

    private AddressInvoice invoiceFrom(String address, long amountSats) {
        LightningAddresses resolver = addresses.getIfAvailable();
        if (resolver == null) {
            throw new IllegalArgumentException("this server pays no Lightning Addresses; give an invoice");
        }
        try {
            return resolver.invoiceFor(address, amountSats);
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
