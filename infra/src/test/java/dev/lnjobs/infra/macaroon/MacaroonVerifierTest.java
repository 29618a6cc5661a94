package dev.lnjobs.infra.macaroon;

import static dev.lnjobs.infra.macaroon.CaveatPredicate.exactly;
import static dev.lnjobs.infra.macaroon.MacaroonCodecTest.LIBMACAROONS_KEY;
import static dev.lnjobs.infra.macaroon.MacaroonCodecTest.LIBMACAROONS_ROOT_V2;
import static dev.lnjobs.infra.macaroon.MacaroonCodecTest.LIBMACAROONS_TWO_CAVEATS_V2;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.lnjobs.infra.macaroon.CaveatPredicate.Verdict;
import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifier against the libmacaroons language-independent verification tests
 * (test/unit/*_v2_*.vtest), plus the ordering rules this service relies on.
 */
class MacaroonVerifierTest {

    private static final Macaroon ROOT = MacaroonCodec.decode(LIBMACAROONS_ROOT_V2);
    private static final Macaroon TWO_CAVEATS = MacaroonCodec.decode(LIBMACAROONS_TWO_CAVEATS_V2);

    @Test
    void acceptsThePlainLibmacaroonsMacaroonWithTheRightKey() { // root_v2_1
        assertThatCode(() -> MacaroonVerifier.of().verify(ROOT, LIBMACAROONS_KEY)).doesNotThrowAnyException();
    }

    @Test
    void rejectsThePlainLibmacaroonsMacaroonWithTheWrongKey() { // root_v2_2
        assertThat(rejection(MacaroonVerifier.of(), ROOT, "this is not the key".getBytes(UTF_8)))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void acceptsWhenEveryCaveatIsSatisfied() { // caveat_v2_4
        MacaroonVerifier verifier = MacaroonVerifier.of(exactly("account = 3735928559"), exactly("user = alice"));

        assertThatCode(() -> verifier.verify(TWO_CAVEATS, LIBMACAROONS_KEY)).doesNotThrowAnyException();
    }

    @Test
    void rejectsWhenOneCaveatIsNotRecognised() { // caveat_v2_5
        MacaroonVerifier verifier = MacaroonVerifier.of(exactly("account = 3735928559"));

        assertThat(rejection(verifier, TWO_CAVEATS, LIBMACAROONS_KEY)).isEqualTo(Reason.UNKNOWN_CAVEAT);
    }

    @Test
    void rejectsCaveatsWhenTheVerifierHasNoPredicates() { // caveat_v2_3
        assertThat(rejection(MacaroonVerifier.of(), TWO_CAVEATS, LIBMACAROONS_KEY)).isEqualTo(Reason.UNKNOWN_CAVEAT);
    }

    @Test
    void rejectsACaveatWhoseTextWasEditedAfterSigning() {
        List<String> edited = new ArrayList<>(TWO_CAVEATS.caveats());
        edited.set(0, "account = 0000000000");
        Macaroon forged = new Macaroon("http://example.org/", TWO_CAVEATS.identifier(), edited,
                TWO_CAVEATS.signature());
        MacaroonVerifier verifier = MacaroonVerifier.of(caveat -> Verdict.SATISFIED);

        assertThat(rejection(verifier, forged, LIBMACAROONS_KEY)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void rejectsACaveatThatWasStripped() {
        Macaroon stripped = new Macaroon("http://example.org/", TWO_CAVEATS.identifier(),
                TWO_CAVEATS.caveats().subList(0, 1), TWO_CAVEATS.signature());

        assertThat(rejection(MacaroonVerifier.of(exactly("account = 3735928559")), stripped, LIBMACAROONS_KEY))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void checksTheSignatureBeforeAskingAnyPredicate() {
        List<String> asked = new ArrayList<>();
        MacaroonVerifier verifier = MacaroonVerifier.of(caveat -> {
            asked.add(caveat);
            return Verdict.violated(Reason.EXPIRED, null);
        });

        assertThat(rejection(verifier, TWO_CAVEATS, "wrong key".getBytes(UTF_8))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(asked).isEmpty();
    }

    @Test
    void theFirstPredicateRecognisingACaveatDecidesAndItsReasonIsReported() {
        MacaroonVerifier verifier = MacaroonVerifier.of(
                caveat -> Verdict.NOT_RECOGNISED,
                caveat -> caveat.startsWith("user")
                        ? Verdict.violated(Reason.WRONG_SESSION, "other user") : Verdict.NOT_RECOGNISED,
                caveat -> Verdict.SATISFIED);

        MacaroonRejectedException rejected = rejected(verifier, TWO_CAVEATS, LIBMACAROONS_KEY);

        assertThat(rejected.reason()).isEqualTo(Reason.WRONG_SESSION);
        assertThat(rejected).hasMessage("the token is not valid for this session (other user)");
    }

    @Test
    void everyReasonHasAHumanReadableMessage() {
        for (Reason reason : Reason.values()) {
            assertThat(new MacaroonRejectedException(reason)).hasMessage(reason.message());
            assertThat(reason.message()).isNotBlank();
        }
    }

    private static Reason rejection(MacaroonVerifier verifier, Macaroon macaroon, byte[] key) {
        return rejected(verifier, macaroon, key).reason();
    }

    private static MacaroonRejectedException rejected(MacaroonVerifier verifier, Macaroon macaroon, byte[] key) {
        try {
            verifier.verify(macaroon, key);
        } catch (MacaroonRejectedException e) {
            return e;
        }
        throw new AssertionError("expected the macaroon to be rejected");
    }
}
