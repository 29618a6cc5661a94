package dev.lnjobs.infra.macaroon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Signatures against the vectors published in the libmacaroons README and repeated by pymacaroons,
 * jmacaroons and macaroons.js, so a token minted here verifies anywhere else and vice versa.
 */
class MacaroonTest {

    private static final byte[] README_KEY = "this is our super secret key; only we should know it".getBytes(UTF_8);
    private static final byte[] README_ID = "we used our secret key".getBytes(UTF_8);
    private static final String README_LOCATION = "http://mybank/";

    private static Macaroon readmeMacaroon() {
        return Macaroon.mint(README_KEY, README_LOCATION, README_ID);
    }

    @Test
    void mintingReproducesTheLibmacaroonsReadmeSignature() {
        Macaroon macaroon = readmeMacaroon();

        assertThat(macaroon.signatureHex())
                .isEqualTo("e3d9e02908526c4c0039ae15114115d97fdd68bf2ba379b342aaf0f617d0552f");
        assertThat(macaroon.location()).contains(README_LOCATION);
        assertThat(macaroon.identifier()).isEqualTo(README_ID);
        assertThat(macaroon.caveats()).isEmpty();
    }

    @Test
    void eachCaveatChainsTheSignatureAsInTheLibmacaroonsReadme() {
        Macaroon account = readmeMacaroon().withCaveat("account = 3735928559");
        Macaroon time = account.withCaveat("time < 2020-01-01T00:00");
        Macaroon email = time.withCaveat("email = alice@example.org");

        assertThat(account.signatureHex())
                .isEqualTo("1efe4763f290dbce0c1d08477367e11f4eee456a64933cf662d79772dbb82128");
        assertThat(time.signatureHex())
                .isEqualTo("b5f06c8c8ef92f6c82c6ff282cd1f8bd1849301d09a2db634ba182536a611c49");
        assertThat(email.signatureHex())
                .isEqualTo("ddf553e46083e55b8d71ab822be3d8fcf21d6bf19c40d617bb9fb438934474b6");
        assertThat(email.caveats())
                .containsExactly("account = 3735928559", "time < 2020-01-01T00:00", "email = alice@example.org");
    }

    @Test
    void caveatSignatureMatchesThePymacaroonsFunctionalTest() {
        assertThat(readmeMacaroon().withCaveat("test = caveat").signatureHex())
                .isEqualTo("197bac7a044af33332865b9266e26d493bdd668a660e44d88ce1a998c23dbd67");
    }

    @Test
    void addingACaveatLeavesTheOriginalUntouched() {
        Macaroon original = readmeMacaroon();

        Macaroon attenuated = original.withCaveat("account = 3735928559");

        assertThat(original.caveats()).isEmpty();
        assertThat(original.signatureHex())
                .isEqualTo("e3d9e02908526c4c0039ae15114115d97fdd68bf2ba379b342aaf0f617d0552f");
        assertThat(attenuated).isNotEqualTo(original);
    }

    @Test
    void callersCannotMutateTheMacaroonThroughReturnedArrays() {
        Macaroon macaroon = readmeMacaroon();

        macaroon.signature()[0] ^= 1;
        macaroon.identifier()[0] ^= 1;

        assertThat(macaroon).isEqualTo(readmeMacaroon());
    }

    @Test
    void toStringDoesNotRevealTheSignature() {
        Macaroon macaroon = readmeMacaroon();

        assertThat(macaroon.toString())
                .doesNotContain(macaroon.signatureHex())
                .doesNotContain(MacaroonCodec.encode(macaroon))
                .contains("redacted");
    }
}
