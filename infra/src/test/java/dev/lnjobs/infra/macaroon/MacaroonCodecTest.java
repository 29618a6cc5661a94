package dev.lnjobs.infra.macaroon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The v2 binary format against libmacaroons and go-macaroon vectors, and against hostile input. */
class MacaroonCodecTest {

    /** libmacaroons test/unit/root_v2_1.vtest: key "this is the key", no caveats. */
    static final String LIBMACAROONS_ROOT_V2 =
            "AgETaHR0cDovL2V4YW1wbGUub3JnLwIFa2V5aWQAAAYgfN7nklEcW8b1KEhYBd_psk54XijiqZMB-dcRxgnjjvc";
    /** libmacaroons test/unit/caveat_v2_4.vtest: same key, two exact caveats. */
    static final String LIBMACAROONS_TWO_CAVEATS_V2 = "AgETaHR0cDovL2V4YW1wbGUub3JnLwIFa2V5aWQAAhRhY2NvdW50ID0gMzc"
            + "zNTkyODU1OQACDHVzZXIgPSBhbGljZQAABiBL6WfNHqDGsmuvakqU7psFsViG2guoXoxCqTyNDhJe_A";
    static final byte[] LIBMACAROONS_KEY = "this is the key".getBytes(UTF_8);

    /** A go-macaroon discharge macaroon, published in pymacaroons' serialization tests (std alphabet there). */
    private static final String GO_MACAROON_DISCHARGE_V2 =
            "AgELdHAgbG9jYXRpb24CCXRwIGNhdmVhdAAABiCFBgB_aa4-amVOC5dp8g3Z2l0q94YAcNZ3bBWYn7fepg";
    /** The go-macaroon macaroon it discharges: one first-party and one third-party caveat. */
    private static final String GO_MACAROON_THIRD_PARTY_V2 = "AgELbXkgbG9jYXRpb24CDW15IGlkZW50aWZpZXIAAglmcCBjYXZlYXQ"
            + "AAQt0cCBsb2NhdGlvbgIJdHAgY2F2ZWF0BEgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAC"
            + "n8yDEet8ud-825gOjM0pZOVE8_HpV6Zqxac-kl0BY"
            + "ToVaY64VfiwHj5rWgBREOkAAAYgSDs4gcmZDlCZy2aV2jFk2qZNpgQXvK-encTAqZaPZjY";

    @Test
    void mintingTheLibmacaroonsTestMacaroonsSerializesToTheirPublishedTokens() {
        Macaroon root = Macaroon.mint(LIBMACAROONS_KEY, "http://example.org/", "keyid".getBytes(UTF_8));

        assertThat(MacaroonCodec.encode(root)).isEqualTo(LIBMACAROONS_ROOT_V2);
        assertThat(MacaroonCodec.encode(root.withCaveat("account = 3735928559").withCaveat("user = alice")))
                .isEqualTo(LIBMACAROONS_TWO_CAVEATS_V2);
    }

    @Test
    void decodingALibmacaroonsTokenYieldsItsFields() {
        Macaroon macaroon = MacaroonCodec.decode(LIBMACAROONS_TWO_CAVEATS_V2);

        assertThat(macaroon.location()).contains("http://example.org/");
        assertThat(macaroon.identifier()).isEqualTo("keyid".getBytes(UTF_8));
        assertThat(macaroon.caveats()).containsExactly("account = 3735928559", "user = alice");
        assertThat(macaroon.signatureHex())
                .isEqualTo("4be967cd1ea0c6b26baf6a4a94ee9b05b15886da0ba85e8c42a93c8d0e125efc");
    }

    @Test
    void aGoMacaroonTokenSurvivesADecodeEncodeRoundTripByteForByte() {
        Macaroon discharge = MacaroonCodec.decode(GO_MACAROON_DISCHARGE_V2);

        assertThat(discharge.location()).contains("tp location");
        assertThat(discharge.identifier()).isEqualTo("tp caveat".getBytes(UTF_8));
        assertThat(discharge.signatureHex())
                .isEqualTo("8506007f69ae3e6a654e0b9769f20dd9da5d2af7860070d6776c15989fb7dea6");
        assertThat(MacaroonCodec.encode(discharge)).isEqualTo(GO_MACAROON_DISCHARGE_V2);
    }

    @Test
    void aMacaroonWithoutLocationAndWithLongFieldsRoundTrips() {
        // 200-byte fields need a two-byte varint length, which the vectors above never exercise.
        Macaroon macaroon = Macaroon.mint(LIBMACAROONS_KEY, null, new byte[200]).withCaveat("x".repeat(200));

        Macaroon decoded = MacaroonCodec.decode(MacaroonCodec.encode(macaroon));

        assertThat(decoded).isEqualTo(macaroon);
        assertThat(decoded.location()).isEmpty();
    }

    @Test
    void decodingAcceptsPaddedBase64url() {
        String padded = GO_MACAROON_DISCHARGE_V2 + "=".repeat((4 - GO_MACAROON_DISCHARGE_V2.length() % 4) % 4);

        assertThat(padded).endsWith("=");

        assertThat(MacaroonCodec.decode(padded).signatureHex()).startsWith("8506007f");
    }

    @Test
    void thirdPartyCaveatsAreRejectedAsUnknown() {
        assertThat(rejectionOf(GO_MACAROON_THIRD_PARTY_V2)).isEqualTo(Reason.UNKNOWN_CAVEAT);
    }

    @Test
    void everyTruncationOfAValidTokenIsMalformed() {
        byte[] binary = MacaroonCodec.toBinary(MacaroonCodec.decode(LIBMACAROONS_TWO_CAVEATS_V2));
        for (int length = 0; length < binary.length; length++) {
            byte[] truncated = Arrays.copyOf(binary, length);
            assertThat(binaryRejectionOf(truncated)).as("truncated to %d bytes", length).isEqualTo(Reason.MALFORMED);
        }
        for (int length = 0; length < LIBMACAROONS_TWO_CAVEATS_V2.length(); length++) {
            String truncated = LIBMACAROONS_TWO_CAVEATS_V2.substring(0, length);
            assertThat(rejectionOf(truncated)).as("truncated to %d chars", length).isEqualTo(Reason.MALFORMED);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        " ", "not a macaroon!", "%%%%", "AgETaHR0cDovL2V4YW1wbGUub3JnLwIFa2V5aWQAAAYg+N7n/lEc",
        // a libmacaroons version-1 token: valid base64url, wrong format
        "MDAyMWxvY2F0aW9uIGh0dHA6Ly9leGFtcGxlLm9yZy8KMDAxNWlkZW50aWZpZXIga2V5aWQKMDAxZGNpZCBhY2NvdW50ID0gMzczNTky"
            + "ODU1OQowMDJmc2lnbmF0dXJlIPVIB_bcbt-Ivw9zBrOCJWKjYlM9v3M5umF2XaS9JZ2HCg",
    })
    void garbageTokensAreMalformed(String token) {
        assertThat(rejectionOf(token)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void oversizedTokensAreMalformedBeforeDecoding() {
        assertThat(rejectionOf("A".repeat(MacaroonCodec.MAX_TOKEN_CHARS + 1))).isEqualTo(Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "02 020161 00 00 061f" + "00000000000000000000000000000000000000000000000000000000000000", // 31-byte signature
        // trailing byte
        "02 020161 00 00 0620" + "0000000000000000000000000000000000000000000000000000000000000000" + "00",
        // non-UTF-8 caveat
        "02 020161 00 0201ff 00 00 0620" + "0000000000000000000000000000000000000000000000000000000000000000",
        "02 0280808080 00", // varint length with too many continuation bytes
        "02 03016100", // unknown field type in the header
        "02 020161 00 02016100 0620", // caveat list missing its end marker
    })
    void structurallyBrokenBinaryIsMalformed(String hex) {
        byte[] binary = HexFormat.of().parseHex(hex.replace(" ", ""));

        assertThat(binaryRejectionOf(binary)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void identifiersAreOpaqueBytesNotText() {
        // Unlike caveats, an identifier need not be UTF-8; rejecting it would break interoperability.
        byte[] binary = HexFormat.of().parseHex("02" + "0201ff" + "00" + "00" + "0620" + "00".repeat(32));

        assertThat(MacaroonCodec.fromBinary(binary).identifier()).containsExactly(0xff);
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButARejection() {
        Random random = new Random(20261125L);
        for (int i = 0; i < 2_000; i++) {
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            if (noise.length > 0 && random.nextBoolean()) {
                noise[0] = 2; // get past the version check half the time
            }
            assertThat(catchThrowable(() -> MacaroonCodec.fromBinary(noise)))
                    .isInstanceOf(MacaroonRejectedException.class);
            String asToken = Base64.getUrlEncoder().withoutPadding().encodeToString(noise);
            assertThat(catchThrowable(() -> MacaroonCodec.decode(asToken)))
                    .isInstanceOf(MacaroonRejectedException.class);
        }
    }

    @Test
    void bitFlipsInAValidTokenEitherDecodeOrAreRejectedCleanly() {
        byte[] valid = MacaroonCodec.toBinary(MacaroonCodec.decode(LIBMACAROONS_TWO_CAVEATS_V2));
        for (int bit = 0; bit < valid.length * 8; bit++) {
            byte[] flipped = valid.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            Throwable thrown = catchThrowable(() -> MacaroonCodec.fromBinary(flipped));
            assertThat(thrown).as("bit %d", bit).satisfiesAnyOf(
                    t -> assertThat(t).isNull(),
                    t -> assertThat(t).isInstanceOf(MacaroonRejectedException.class));
        }
    }

    static Reason rejectionOf(String token) {
        Throwable thrown = catchThrowable(() -> MacaroonCodec.decode(token));
        assertThat(thrown).isInstanceOf(MacaroonRejectedException.class);
        return ((MacaroonRejectedException) thrown).reason();
    }

    private static Reason binaryRejectionOf(byte[] binary) {
        Throwable thrown = catchThrowable(() -> MacaroonCodec.fromBinary(binary));
        assertThat(thrown).isInstanceOf(MacaroonRejectedException.class);
        return ((MacaroonRejectedException) thrown).reason();
    }
}
