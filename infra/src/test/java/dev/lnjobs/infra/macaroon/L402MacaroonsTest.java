package dev.lnjobs.infra.macaroon;

import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class L402MacaroonsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ROOT = new byte[32];
    private static final String SESSION = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final L402Macaroons l402 = new L402Macaroons(ROOT, "lnjobs");
    private final byte[] preimage = HEX.parseHex("0101010101010101010101010101010101010101010101010101010101010101");
    private final String paymentHash = HEX.formatHex(L402Macaroons.sha256(preimage));

    @Test
    void the_identifier_is_version_zero_the_payment_hash_and_a_random_token_id() {
        Macaroon one = MacaroonCodec.fromBinary(Base64.getDecoder().decode(l402.mint(paymentHash, SESSION)));
        Macaroon two = MacaroonCodec.fromBinary(Base64.getDecoder().decode(l402.mint(paymentHash, SESSION)));
        byte[] id = one.identifier();
        assertThat(id).hasSize(66);
        assertThat(id[0]).isZero();
        assertThat(id[1]).isZero();
        assertThat(HEX.formatHex(id, 2, 34)).isEqualTo(paymentHash);
        assertThat(HEX.formatHex(id, 34, 66)).isNotEqualTo(HEX.formatHex(two.identifier(), 34, 66));
        assertThat(one.caveats()).containsExactly("services=lnjobs:0", "lnjobs_session=" + SESSION);
    }

    @Test
    void a_paid_token_names_its_session_and_skips_other_services_caveats() {
        String token = attenuate(l402.mint(paymentHash, SESSION), "loop_capabilities=in,out");
        L402Macaroons.Holder holder = l402.verify(token, HEX.formatHex(preimage), "chat", NOW);
        assertThat(holder.sessionId()).isEqualTo(SESSION);
        assertThat(holder.paymentHash()).isEqualTo(paymentHash);
    }

    @Test
    void refuses_a_wrong_preimage_a_forgery_and_its_own_caveats_violated() {
        String token = l402.mint(paymentHash, SESSION);
        assertThatThrownBy(() -> l402.verify(token, HEX.formatHex(new byte[32]), "chat", NOW))
                .extracting(e -> ((MacaroonRejectedException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThatThrownBy(() -> new L402Macaroons(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, "lnjobs")
                .verify(token, HEX.formatHex(preimage), "chat", NOW))
                .extracting(e -> ((MacaroonRejectedException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertReason(attenuate(token, "lnjobs_valid_until=" + NOW.getEpochSecond()), Reason.EXPIRED);
        assertReason(attenuate(token, "lnjobs_capabilities=messages"), Reason.WRONG_RESOURCE);
        assertReason(attenuate(token, "services=loop:0"), Reason.WRONG_RESOURCE);
        assertReason(attenuate(token, "lnjobs_valid_until=soon"), Reason.MALFORMED);
        assertReason(attenuate(token, "lnjobs_session=6ba7b810-9dad-11d1-80b4-00c04fd430c8"), Reason.WRONG_SESSION);
        assertThat(l402.verify(attenuate(token, "lnjobs_valid_until=" + (NOW.getEpochSecond() + 1)),
                HEX.formatHex(preimage), "chat", NOW).sessionId()).isEqualTo(SESSION);
    }

    private void assertReason(String token, Reason reason) {
        assertThatThrownBy(() -> l402.verify(token, HEX.formatHex(preimage), "chat", NOW))
                .extracting(e -> ((MacaroonRejectedException) e).reason()).isEqualTo(reason);
    }

    private static String attenuate(String token, String caveat) {
        Macaroon macaroon = MacaroonCodec.fromBinary(Base64.getDecoder().decode(token)).withCaveat(caveat);
        return Base64.getEncoder().encodeToString(MacaroonCodec.toBinary(macaroon));
    }
}
