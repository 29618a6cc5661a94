package dev.lnjobs.infra.macaroon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SessionMacaroons} end to end; named to fall under the {@code Macaroon*} test filter. */
class MacaroonSessionTokensTest {

    private static final String KEY_TEXT = "0123456789abcdef0123456789abcdef";
    private static final byte[] ROOT_KEY = KEY_TEXT.getBytes(UTF_8);
    private static final String SESSION = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private static final String OTHER_SESSION = "9b2a6c1e-0d4f-4e8a-b1c3-5f6e7d8c9a0b";
    private static final Instant NOW = Instant.parse("2026-11-25T15:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(1));

    private final SessionMacaroons sessions = new SessionMacaroons(ROOT_KEY, "https://lnjobs.dev/");
    private final List<MacaroonRejectedException> rejections = new ArrayList<>();

    @Test
    void aFreshTokenIsAcceptedForItsSessionUntilJustBeforeItExpires() {
        String token = sessions.mint(SESSION, EXPIRES);

        assertThatCode(() -> sessions.verify(token, SESSION, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> sessions.verify(token, SESSION, EXPIRES.minusNanos(1))).doesNotThrowAnyException();
    }

    @Test
    void theTokenIsUnpaddedBase64urlCarryingTheDocumentedCaveatsInOrder() {
        String token = sessions.mint(SESSION, EXPIRES);

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(MacaroonCodec.decode(token).caveats()).containsExactly(
                "session_id = 3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                "expires < 2026-11-25T16:00:00Z");
        assertThat(MacaroonCodec.decode(token).location()).contains("https://lnjobs.dev/");
    }

    @Test
    void sessionIdsAreMatchedRegardlessOfLetterCase() {
        String token = sessions.mint(SESSION.toUpperCase(), EXPIRES);

        assertThat(MacaroonCodec.decode(token).caveats()).contains("session_id = " + SESSION);
        assertThatCode(() -> sessions.verify(token, SESSION.toUpperCase(), NOW)).doesNotThrowAnyException();
    }

    @Test
    void everyMintedTokenIsDistinct() {
        assertThat(sessions.mint(SESSION, EXPIRES)).isNotEqualTo(sessions.mint(SESSION, EXPIRES));
    }

    @Test
    void aTokenPresentedForAnotherSessionIsRejected() {
        String token = sessions.mint(SESSION, EXPIRES);

        assertThat(rejectionOf(token, OTHER_SESSION, NOW)).isEqualTo(Reason.WRONG_SESSION);
        assertThat(rejectionOf(token, "not-a-uuid", NOW)).isEqualTo(Reason.WRONG_SESSION);
    }

    @Test
    void aTokenIsExpiredFromItsExpiryInstantOn() {
        String token = sessions.mint(SESSION, EXPIRES);

        assertThat(rejectionOf(token, SESSION, EXPIRES)).isEqualTo(Reason.EXPIRED);
        assertThat(rejectionOf(token, SESSION, EXPIRES.plusSeconds(3600))).isEqualTo(Reason.EXPIRED);
        assertThat(rejections.get(rejections.size() - 1)).hasMessageContaining("2026-11-25T16:00:00Z");
    }

    @Test
    void aTokenWhoseCaveatWasEditedIsRejectedAsForged() {
        Macaroon genuine = MacaroonCodec.decode(sessions.mint(SESSION, EXPIRES));
        Macaroon otherSession = new Macaroon(genuine.location().orElseThrow(), genuine.identifier(),
                List.of(SessionCaveats.sessionId(OTHER_SESSION), genuine.caveats().get(1)), genuine.signature());
        Macaroon laterExpiry = new Macaroon(genuine.location().orElseThrow(), genuine.identifier(),
                List.of(genuine.caveats().get(0), SessionCaveats.expires(EXPIRES.plusSeconds(86_400))),
                genuine.signature());

        assertThat(rejectionOf(MacaroonCodec.encode(otherSession), OTHER_SESSION, NOW)).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(rejectionOf(MacaroonCodec.encode(laterExpiry), SESSION, EXPIRES)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aTokenFromAnotherRootKeyIsRejectedAsForged() {
        SessionMacaroons impostor = new SessionMacaroons("another key, equally thirty-two b".getBytes(UTF_8), "x");

        assertThat(rejectionOf(impostor.mint(SESSION, EXPIRES), SESSION, NOW)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aHolderCanNarrowButNeverWidenAToken() {
        Macaroon genuine = MacaroonCodec.decode(sessions.mint(SESSION, EXPIRES));
        String earlier = MacaroonCodec.encode(genuine.withCaveat(SessionCaveats.expires(NOW.plusSeconds(60))));
        String otherSession = MacaroonCodec.encode(genuine.withCaveat(SessionCaveats.sessionId(OTHER_SESSION)));

        assertThatCode(() -> sessions.verify(earlier, SESSION, NOW)).doesNotThrowAnyException();
        assertThat(rejectionOf(earlier, SESSION, NOW.plusSeconds(60))).isEqualTo(Reason.EXPIRED);
        assertThat(rejectionOf(otherSession, OTHER_SESSION, NOW)).isEqualTo(Reason.WRONG_SESSION);
    }

    @Test
    void caveatsThisServiceDoesNotKnowAreRejected() {
        Macaroon genuine = MacaroonCodec.decode(sessions.mint(SESSION, EXPIRES));

        assertThat(rejectionOf(MacaroonCodec.encode(genuine.withCaveat("ip = 10.0.0.1")), SESSION, NOW))
                .isEqualTo(Reason.UNKNOWN_CAVEAT);
        assertThat(rejectionOf(MacaroonCodec.encode(genuine.withCaveat("expires < tomorrow")), SESSION, NOW))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void aCorrectlySignedTokenLackingTheSessionCaveatIsRejected() {
        Macaroon bare = Macaroon.mint(ROOT_KEY, null, new byte[] {1});

        assertThat(rejectionOf(MacaroonCodec.encode(bare), SESSION, NOW)).isEqualTo(Reason.WRONG_SESSION);
        assertThat(rejectionOf(MacaroonCodec.encode(bare.withCaveat(SessionCaveats.expires(EXPIRES))), SESSION, NOW))
                .isEqualTo(Reason.WRONG_SESSION);
    }

    @Test
    void aTokenMintedAtCreationHoldsWithoutAnExpiryCaveatAndCanBeNarrowedByItsHolder() {
        String token = sessions.mint(SESSION);
        Macaroon macaroon = MacaroonCodec.decode(token);

        assertThat(macaroon.caveats()).containsExactly(SessionCaveats.sessionId(SESSION));
        sessions.verify(token, SESSION, NOW.plusSeconds(10L * 365 * 24 * 3600));
        String narrowed = MacaroonCodec.encode(macaroon.withCaveat(SessionCaveats.expires(NOW)));
        assertThat(rejectionOf(narrowed, SESSION, NOW)).isEqualTo(Reason.EXPIRED);
        assertThat(rejectionOf(token, OTHER_SESSION, NOW)).isEqualTo(Reason.WRONG_SESSION);
    }

    @Test
    void truncatedAndGarbageTokensAreMalformed() {
        String token = sessions.mint(SESSION, EXPIRES);

        assertThat(rejectionOf(token.substring(0, token.length() - 1), SESSION, NOW)).isEqualTo(Reason.MALFORMED);
        assertThat(rejectionOf(token.substring(0, token.length() / 2), SESSION, NOW)).isEqualTo(Reason.MALFORMED);
        assertThat(rejectionOf(null, SESSION, NOW)).isEqualTo(Reason.MALFORMED);
        assertThat(rejectionOf("", SESSION, NOW)).isEqualTo(Reason.MALFORMED);
        assertThat(rejectionOf("Bearer " + token, SESSION, NOW)).isEqualTo(Reason.MALFORMED);
        assertThat(rejectionOf("§§ not base64 §§", SESSION, NOW)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void neitherToStringNorAnyRejectionMessageRevealsTheRootKey() {
        aTokenPresentedForAnotherSessionIsRejected();
        aTokenIsExpiredFromItsExpiryInstantOn();
        aTokenWhoseCaveatWasEditedIsRejectedAsForged();
        caveatsThisServiceDoesNotKnowAreRejected();
        aCorrectlySignedTokenLackingTheSessionCaveatIsRejected();
        truncatedAndGarbageTokensAreMalformed();
        List<String> texts = new ArrayList<>(rejections.stream().map(Throwable::getMessage).toList());
        texts.add(sessions.toString());

        // every reason a session token can be refused for (WRONG_RESOURCE belongs to the access tokens)
        assertThat(rejections).extracting(MacaroonRejectedException::reason).containsAll(List.of(Reason.MALFORMED,
                Reason.BAD_SIGNATURE, Reason.WRONG_SESSION, Reason.EXPIRED, Reason.UNKNOWN_CAVEAT));
        assertThat(sessions.toString()).contains("redacted");
        for (String text : texts) {
            assertThat(text).doesNotContain(KEY_TEXT)
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(ROOT_KEY))
                    .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(ROOT_KEY))
                    .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(ROOT_KEY));
        }
    }

    @Test
    void theServiceKeepsItsOwnCopyOfTheRootKey() {
        byte[] key = ROOT_KEY.clone();
        SessionMacaroons service = new SessionMacaroons(key, "x");
        String token = service.mint(SESSION, EXPIRES);

        key[0] ^= 1;

        assertThatCode(() -> service.verify(token, SESSION, NOW)).doesNotThrowAnyException();
    }

    @Test
    void misuseIsRefusedUpFront() {
        assertThatThrownBy(() -> new SessionMacaroons(new byte[31], "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> sessions.mint("session-42", EXPIRES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UUID");
        assertThatThrownBy(() -> sessions.mint("1-2-3-4-5", EXPIRES)).isInstanceOf(IllegalArgumentException.class);
    }

    private Reason rejectionOf(String token, String sessionId, Instant now) {
        try {
            sessions.verify(token, sessionId, now);
        } catch (MacaroonRejectedException e) {
            rejections.add(e);
            return e.reason();
        }
        throw new AssertionError("expected the token to be rejected");
    }
}
