package dev.lnjobs.infra.macaroon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lnjobs.infra.macaroon.AccessTokens.Resource;
import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static final byte[] ROOT_KEY = new byte[32];

    static {
        Arrays.fill(ROOT_KEY, (byte) 7);
    }

    private final AccessTokens tokens = new AccessTokens(ROOT_KEY, "http://localhost");
    private final String jobId = UUID.randomUUID().toString();

    @Test
    void accepts_the_token_of_its_own_job() {
        String token = tokens.mint(Resource.JOB, jobId);
        assertThatCode(() -> tokens.verify(token, Resource.JOB, jobId)).doesNotThrowAnyException();
        assertThatCode(() -> tokens.verify(token, Resource.JOB, jobId.toUpperCase())).doesNotThrowAnyException();
    }

    @Test
    void every_mint_is_another_token() {
        assertThat(tokens.mint(Resource.JOB, jobId)).isNotEqualTo(tokens.mint(Resource.JOB, jobId));
    }

    @Test
    void refuses_the_token_of_another_job() {
        String other = tokens.mint(Resource.JOB, UUID.randomUUID().toString());
        assertThat(reason(other, Resource.JOB, jobId)).isEqualTo(Reason.WRONG_RESOURCE);
    }

    @Test
    void refuses_a_bootstrap_token_for_a_job_with_the_same_id() {
        String bootstrapToken = tokens.mint(Resource.BOOTSTRAP, jobId);
        assertThat(reason(bootstrapToken, Resource.JOB, jobId)).isEqualTo(Reason.UNKNOWN_CAVEAT);
    }

    @Test
    void refuses_a_session_macaroon_signed_with_the_same_root_key() {
        String session = new SessionMacaroons(ROOT_KEY, "http://localhost")
                .mint(jobId, Instant.now().plusSeconds(3600));
        assertThat(reason(session, Resource.JOB, jobId)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void refuses_a_token_signed_under_another_root_key() {
        byte[] otherKey = ROOT_KEY.clone();
        otherKey[0] = 8;
        String forged = new AccessTokens(otherKey, "http://localhost").mint(Resource.JOB, jobId);
        assertThat(reason(forged, Resource.JOB, jobId)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void refuses_an_unbound_macaroon_even_when_its_signature_holds() {
        AccessTokens issuer = new AccessTokens(ROOT_KEY, "http://localhost");
        String token = issuer.mint(Resource.JOB, jobId);
        Macaroon bound = MacaroonCodec.decode(token);
        // strip the caveat and re-sign with the same derived key: still not a token of this job
        Macaroon unbound = Macaroon.mint(derivedKey(), "http://localhost", bound.identifier());
        assertThat(reason(MacaroonCodec.encode(unbound), Resource.JOB, jobId)).isEqualTo(Reason.WRONG_RESOURCE);
    }

    @Test
    void refuses_garbage() {
        assertThat(reason("not a token", Resource.JOB, jobId)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void never_shows_its_key() {
        assertThat(tokens.toString()).doesNotContain("0707").contains("redacted");
    }

    private Reason reason(String token, Resource resource, String id) {
        MacaroonRejectedException e = catchThrowableOfType(MacaroonRejectedException.class,
                () -> tokens.verify(token, resource, id));
        assertThat(e).as("the token must be refused").isNotNull();
        return e.reason();
    }

    private static byte[] derivedKey() {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(ROOT_KEY, "HmacSHA256"));
            return mac.doFinal("lnjobs access token v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
