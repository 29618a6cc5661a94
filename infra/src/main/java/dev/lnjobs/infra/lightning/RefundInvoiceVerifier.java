package dev.lnjobs.infra.lightning;

import dev.lnjobs.api.job.RefundInvoiceRejected;
import dev.lnjobs.api.job.RefundInvoiceRejected.Check;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Exception;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything a refund invoice must be before we pay it: a valid BOLT 11 string (bech32 checksum, a signature
 * from which the payee key is recovered), on our network, for exactly the refund, not expired, and not one of
 * our own invoices (which would pay the refund back to us); not dated in the future, and with a final CLTV delta
 * and a number of route hints a payer would use.
 */
public class RefundInvoiceVerifier {

    /** Two weeks of blocks: Core Lightning's default max-locktime-blocks, so longer could not be paid anyway. */
    public static final long MAX_MIN_FINAL_CLTV_EXPIRY = 2016;
    public static final int MAX_ROUTE_HINTS = 10;
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

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
        if (invoice.timestamp().isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            throw new RefundInvoiceRejected(Check.NOT_POSTDATED, "the invoice is dated " + invoice.timestamp()
                    + ", more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes from now");
        }
        requireSaneRouting(invoice);
        if (ownNodeKeys.contains(invoice.payeePubKey()) || issuedByUs.test(invoice.paymentHash())) {
            throw new RefundInvoiceRejected(Check.NOT_OURS, "the invoice was issued by this service itself");
        }
        return invoice;
    }

    /** A payee asking for a lock longer than nodes accept, or a route list no payer tries, is not paid. */
    private static void requireSaneRouting(Bolt11Invoice invoice) {
        if (invoice.minFinalCltvExpiry() > MAX_MIN_FINAL_CLTV_EXPIRY) {
            throw new RefundInvoiceRejected(Check.MIN_FINAL_CLTV_EXPIRY, "the invoice asks for a final CLTV delta of "
                    + invoice.minFinalCltvExpiry() + " blocks; at most " + MAX_MIN_FINAL_CLTV_EXPIRY + " are paid");
        }
        if (invoice.routeHints().size() > MAX_ROUTE_HINTS) {
            throw new RefundInvoiceRejected(Check.ROUTE_HINTS, "the invoice carries " + invoice.routeHints().size()
                    + " route hints; at most " + MAX_ROUTE_HINTS + " are accepted");
        }
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
