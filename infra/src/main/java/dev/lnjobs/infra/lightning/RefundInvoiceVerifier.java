package dev.lnjobs.infra.lightning;

import dev.lnjobs.api.job.RefundInvoiceRejected;
import dev.lnjobs.api.job.RefundInvoiceRejected.Check;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Exception;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;

import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything a refund invoice must be before we pay it: a valid BOLT 11 string (bech32 checksum, a signature
 * from which the payee key is recovered), on our network, for exactly the refund, not expired, and not one of
 * our own invoices (which would pay the refund back to us).
 */
public class RefundInvoiceVerifier {

    private final BitcoinNetwork network;
    private final Clock clock;
    private final Set<String> ownNodeKeys;

    public RefundInvoiceVerifier(BitcoinNetwork network, Clock clock, Set<String> ownNodeKeys) {
        this.network = network;
        this.clock = clock;
        this.ownNodeKeys = Set.copyOf(ownNodeKeys);
    }

    /**
     * @param issuedByUs answers whether a payment hash belongs to an invoice this service issued
     */
    public Bolt11Invoice verify(String paymentRequest, long refundSats, Predicate<String> issuedByUs) {
        Bolt11Invoice invoice = decode(paymentRequest);
        if (invoice.network() != network) {
            throw new RefundInvoiceRejected(Check.NETWORK, "the invoice is for " + name(invoice.network())
                    + " but this service pays on " + name(network) + " (ln" + network.currencyPrefix() + ")");
        }
        if (!invoice.hasAmount()) {
            throw new RefundInvoiceRejected(Check.AMOUNT_PRESENT,
                    "the invoice has no amount; make one for exactly " + refundSats + " sats");
        }
        if (invoice.amountMsat() != refundSats * 1000) {
            throw new RefundInvoiceRejected(Check.AMOUNT_EXACT, "the invoice is for " + invoice.amountMsat()
                    + " msat; the refund is exactly " + refundSats + " sats (" + refundSats * 1000 + " msat)");
        }
        if (invoice.isExpired(clock.instant())) {
            throw new RefundInvoiceRejected(Check.NOT_EXPIRED, "the invoice expired at " + invoice.expiresAt());
        }
        if (ownNodeKeys.contains(invoice.payeePubKey()) || issuedByUs.test(invoice.paymentHash())) {
            throw new RefundInvoiceRejected(Check.NOT_OURS, "the invoice was issued by this service itself");
        }
        return invoice;
    }

    private static Bolt11Invoice decode(String paymentRequest) {
        if (paymentRequest == null || paymentRequest.isBlank()) {
            throw new RefundInvoiceRejected(Check.ENCODING, "invoice is missing");
        }
        String text = paymentRequest.strip();
        if (text.regionMatches(true, 0, "lightning:", 0, 10)) {
            text = text.substring(10);
        }
        try {
            return Bolt11.decode(text);
        } catch (Bolt11Exception e) {
            Check check = switch (e.reason()) {
                case BAD_CHECKSUM -> Check.CHECKSUM;
                case BAD_SIGNATURE -> Check.SIGNATURE;
                default -> Check.ENCODING;
            };
            throw new RefundInvoiceRejected(check, e.getMessage());
        }
    }

    private static String name(BitcoinNetwork network) {
        return network.name().toLowerCase(Locale.ROOT);
    }
}
