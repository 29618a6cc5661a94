package dev.lnjobs.infra.lightning.bolt11;

import dev.lnjobs.infra.lightning.bolt11.Bolt11Exception.Reason;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fields at the edge of what the encoding can hold decode to usable values or are refused, never an overflow. */
class Bolt11ExtremesTest {

    private static final NodeKey KEY = NodeKey.fromPrivateKeyHex("11".repeat(32));
    private static final String HASH = "ab".repeat(32);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final long MAX_TIMESTAMP = (1L << 35) - 1;

    @Test
    void refuses_an_expiry_of_two_to_the_sixty_seconds_instead_of_overflowing() {
        String invoice = CraftedInvoices.invoice(BitcoinNetwork.REGTEST, 3000, NOW, HASH,
                CraftedInvoices.maxExpiryWords(), null, 0, KEY);

        assertThatThrownBy(() -> Bolt11.decode(invoice)).isInstanceOfSatisfying(Bolt11Exception.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.BAD_FIELD_VALUE);
            assertThat(e.getMessage()).contains("x (expiry)");
        });
    }

    @Test
    void an_expiry_of_a_century_from_the_last_encodable_timestamp_still_has_an_instant() {
        String invoice = CraftedInvoices.invoice(BitcoinNetwork.REGTEST, 3000, Instant.ofEpochSecond(MAX_TIMESTAMP),
                HASH, CraftedInvoices.expiryWords(Bolt11Invoice.MAX_EXPIRY_SECONDS), null, 0, KEY);

        Bolt11Invoice decoded = Bolt11.decode(invoice);

        assertThat(decoded.timestamp().getEpochSecond()).isEqualTo(MAX_TIMESTAMP);
        assertThat(decoded.expiresAt()).isEqualTo(Instant.ofEpochSecond(MAX_TIMESTAMP)
                .plusSeconds(Bolt11Invoice.MAX_EXPIRY_SECONDS));
        assertThat(decoded.isExpired(NOW)).isFalse();
    }

    @Test
    void refuses_an_expiry_one_second_past_a_century() {
        String invoice = CraftedInvoices.invoice(BitcoinNetwork.REGTEST, 3000, NOW, HASH,
                CraftedInvoices.expiryWords(Bolt11Invoice.MAX_EXPIRY_SECONDS + 1), null, 0, KEY);

        assertThatThrownBy(() -> Bolt11.decode(invoice)).isInstanceOf(Bolt11Exception.class);
    }

    @Test
    void the_largest_amount_a_long_holds_decodes_exactly_and_refuses_to_round_to_sats() {
        String invoice = CraftedInvoices.invoice(BitcoinNetwork.REGTEST, Long.MAX_VALUE, NOW, HASH, null, null, 0,
                KEY);

        Bolt11Invoice decoded = Bolt11.decode(invoice);

        assertThat(decoded.amountMsat()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(decoded::amountSats).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_largest_min_final_cltv_and_many_route_hints_decode_as_written() {
        String invoice = CraftedInvoices.invoice(BitcoinNetwork.REGTEST, 3000, NOW, HASH, null, (1L << 60) - 1, 40,
                KEY);

        Bolt11Invoice decoded = Bolt11.decode(invoice);

        assertThat(decoded.minFinalCltvExpiry()).isEqualTo((1L << 60) - 1);
        assertThat(decoded.routeHints()).hasSize(40);
    }
}
