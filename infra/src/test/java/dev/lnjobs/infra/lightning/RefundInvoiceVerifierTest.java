package dev.lnjobs.infra.lightning;

import dev.lnjobs.api.job.RefundInvoiceRejected;
import dev.lnjobs.api.job.RefundInvoiceRejected.Check;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.CraftedInvoices;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefundInvoiceVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final NodeKey PAYER = NodeKey.fromPrivateKeyHex("11".repeat(32));
    private static final String HASH = "ab".repeat(32);
    private static final String SECRET = "cd".repeat(32);
    private final RefundInvoiceVerifier verifier = new RefundInvoiceVerifier(BitcoinNetwork.REGTEST,
            Clock.fixed(NOW, ZoneOffset.UTC), Set.of(StubLightningNode.NODE_KEY.publicKeyHex()));

    private static String invoice(BitcoinNetwork network, Long msat, Instant at, long expiry, NodeKey key) {
        return Bolt11.encode(network, msat, at, HASH, SECRET, "refund", expiry, key);
    }

    private static String good() {
        return invoice(BitcoinNetwork.REGTEST, 3000L, NOW.minusSeconds(10), 3600, PAYER);
    }

    private Check rejection(String bolt11, long sats) {
        try {
            verifier.verify(bolt11, sats, hash -> false);
        } catch (RefundInvoiceRejected e) {
            return e.check();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void accepts_an_invoice_for_exactly_the_refund() {
        assertThat(verifier.verify(good(), 3, hash -> false).paymentHash()).isEqualTo(HASH);
        assertThat(verifier.verify("lightning:" + good().toUpperCase(), 3, hash -> false).amountSats()).isEqualTo(3);
    }

    @Test
    void rejects_garbage_as_encoding() {
        assertThat(rejection("not an invoice", 3)).isEqualTo(Check.ENCODING);
        assertThat(rejection("", 3)).isEqualTo(Check.ENCODING);
    }

    @Test
    void rejects_a_broken_checksum() {
        String bolt11 = good();
        char last = bolt11.charAt(bolt11.length() - 1);
        String tampered = bolt11.substring(0, bolt11.length() - 1) + (last == 'q' ? 'p' : 'q');
        assertThat(rejection(tampered, 3)).isEqualTo(Check.CHECKSUM);
    }

    @Test
    void rejects_another_network() {
        assertThat(rejection(invoice(BitcoinNetwork.MAINNET, 3000L, NOW, 3600, PAYER), 3)).isEqualTo(Check.NETWORK);
    }

    @Test
    void rejects_an_invoice_without_amount() {
        assertThat(rejection(invoice(BitcoinNetwork.REGTEST, null, NOW, 3600, PAYER), 3))
                .isEqualTo(Check.AMOUNT_PRESENT);
    }

    @Test
    void rejects_a_wrong_amount_even_by_one_millisat() {
        assertThat(rejection(invoice(BitcoinNetwork.REGTEST, 3001L, NOW, 3600, PAYER), 3))
                .isEqualTo(Check.AMOUNT_EXACT);
        assertThat(rejection(good(), 4)).isEqualTo(Check.AMOUNT_EXACT);
    }

    @Test
    void rejects_an_expired_invoice() {
        assertThat(rejection(invoice(BitcoinNetwork.REGTEST, 3000L, NOW.minusSeconds(7200), 3600, PAYER), 3))
                .isEqualTo(Check.NOT_EXPIRED);
    }

    @Test
    void rejects_our_own_invoices_by_node_key_and_by_hash() {
        assertThat(rejection(invoice(BitcoinNetwork.REGTEST, 3000L, NOW, 3600, StubLightningNode.NODE_KEY), 3))
                .isEqualTo(Check.NOT_OURS);
        assertThatThrownBy(() -> verifier.verify(good(), 3, HASH::equals))
                .isInstanceOfSatisfying(RefundInvoiceRejected.class,
                        e -> assertThat(e.check()).isEqualTo(Check.NOT_OURS));
    }

    @Test
    void refuses_an_extreme_expiry_as_a_rejection_not_an_overflow() {
        String invoice = CraftedInvoices.invoice(BitcoinNetwork.REGTEST, 3000, NOW, HASH,
                CraftedInvoices.maxExpiryWords(), null, 0, PAYER);
        assertThat(rejection(invoice, 3)).isEqualTo(Check.ENCODING);
    }

    @Test
    void refuses_an_invoice_dated_in_the_future_and_the_largest_amount() {
        assertThat(rejection(invoice(BitcoinNetwork.REGTEST, 3000L, Instant.ofEpochSecond((1L << 35) - 1), 3600,
                PAYER), 3)).isEqualTo(Check.NOT_POSTDATED);
        assertThat(rejection(invoice(BitcoinNetwork.REGTEST, 3000L, NOW.plusSeconds(601), 3600, PAYER), 3))
                .isEqualTo(Check.NOT_POSTDATED);
        assertThat(verifier.verify(invoice(BitcoinNetwork.REGTEST, 3000L, NOW.plusSeconds(60), 3600, PAYER), 3,
                hash -> false).amountSats()).isEqualTo(3);
        assertThat(rejection(invoice(BitcoinNetwork.REGTEST, Long.MAX_VALUE, NOW, 3600, PAYER), 3))
                .isEqualTo(Check.AMOUNT_EXACT);
    }

    @Test
    void refuses_an_absurd_min_final_cltv_expiry() {
        String absurd = CraftedInvoices.invoice(BitcoinNetwork.REGTEST, 3000, NOW, HASH, null, (1L << 60) - 1, 0,
                PAYER);
        String justOver = CraftedInvoices.invoice(BitcoinNetwork.REGTEST, 3000, NOW, HASH, null,
                RefundInvoiceVerifier.MAX_MIN_FINAL_CLTV_EXPIRY + 1, 0, PAYER);
        String atTheLimit = CraftedInvoices.invoice(BitcoinNetwork.REGTEST, 3000, NOW, HASH, null,
                RefundInvoiceVerifier.MAX_MIN_FINAL_CLTV_EXPIRY, 0, PAYER);

        assertThat(rejection(absurd, 3)).isEqualTo(Check.MIN_FINAL_CLTV_EXPIRY);
        assertThat(rejection(justOver, 3)).isEqualTo(Check.MIN_FINAL_CLTV_EXPIRY);
        assertThat(verifier.verify(atTheLimit, 3, hash -> false).minFinalCltvExpiry()).isEqualTo(2016);
    }

    @Test
    void refuses_more_route_hints_than_a_payer_would_try() {
        String tooMany = CraftedInvoices.invoice(BitcoinNetwork.REGTEST, 3000, NOW, HASH, null, null,
                RefundInvoiceVerifier.MAX_ROUTE_HINTS + 1, PAYER);
        String enough = CraftedInvoices.invoice(BitcoinNetwork.REGTEST, 3000, NOW, HASH, null, null,
                RefundInvoiceVerifier.MAX_ROUTE_HINTS, PAYER);

        assertThatThrownBy(() -> verifier.verify(tooMany, 3, hash -> false))
                .isInstanceOfSatisfying(RefundInvoiceRejected.class, e -> {
                    assertThat(e.check()).isEqualTo(Check.ROUTE_HINTS);
                    assertThat(e.getMessage()).contains("11 route hints");
                });
        assertThat(verifier.verify(enough, 3, hash -> false).routeHints()).hasSize(10);
    }
}
