package dev.lnjobs.infra.macaroon;

import dev.lnjobs.infra.macaroon.CaveatPredicate.Verdict;
import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The access tokens of jobs and bootstraps: macaroons with one caveat naming the resource, {@code job_id = <uuid>} or
 * {@code bootstrap_id = <uuid>}. Nothing is stored: the signature proves the token was issued for that resource, so
 * the token never reaches an event, a log or a read model, and is verified in constant time by
 * {@link MacaroonVerifier}.
 *
 * <p>They are signed with a key derived from the macaroon root key for this purpose alone, so that a session macaroon
 * never passes as an access token nor an access token as a session macaroon, whatever caveats either carries.
 */
public final class AccessTokens {

    /** The resources a token can be bound to; the caveat key is the wire name. */
    public enum Resource {
        JOB("job_id"), BOOTSTRAP("bootstrap_id");

        private final String caveatPrefix;

        Resource(String caveatKey) {
            this.caveatPrefix = caveatKey + " = ";
        }
    }

    private static final int IDENTIFIER_BYTES = 16;
    private static final byte[] PURPOSE = "lnjobs access token v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] key;
    private final String location;
    private final SecureRandom random = new SecureRandom();

    public AccessTokens(byte[] rootKey, String location) {
        Objects.requireNonNull(rootKey, "rootKey");
        if (rootKey.length < SessionMacaroons.MIN_ROOT_KEY_BYTES) {
            throw new IllegalArgumentException("root key must be at least " + SessionMacaroons.MIN_ROOT_KEY_BYTES
                    + " bytes");
        }
        this.key = derive(rootKey);
        this.location = Objects.requireNonNull(location, "location");
    }

    /** A fresh token for one resource; each call answers another token (a fresh identifier). */
    public String mint(Resource resource, String id) {
        String canonical = SessionCaveats.canonicalUuid(id)
                .orElseThrow(() -> new IllegalArgumentException(resource.name().toLowerCase() + " id must be a UUID"));
        byte[] identifier = new byte[IDENTIFIER_BYTES];
        random.nextBytes(identifier);
        Macaroon macaroon = Macaroon.mint(key, location, identifier).withCaveat(resource.caveatPrefix + canonical);
        return MacaroonCodec.encode(macaroon);
    }

    /**
     * Returns normally when {@code token} was issued for {@code id}; a token of another resource is refused with
     * {@link Reason#WRONG_RESOURCE}, anything else not issued by us with the reason the check found.
     */
    public void verify(String token, Resource resource, String id) {
        Macaroon macaroon = MacaroonCodec.decode(token);
        String expected = SessionCaveats.canonicalUuid(id).map(uuid -> resource.caveatPrefix + uuid).orElse(null);
        MacaroonVerifier.of(caveat -> {
            if (!caveat.startsWith(resource.caveatPrefix)) {
                return Verdict.NOT_RECOGNISED;
            }
            return caveat.equals(expected) ? Verdict.SATISFIED : Verdict.violated(Reason.WRONG_RESOURCE, null);
        }).verify(macaroon, key);
        boolean bound = macaroon.caveats().stream().anyMatch(caveat -> caveat.startsWith(resource.caveatPrefix));
        if (!bound) {
            throw new MacaroonRejectedException(Reason.WRONG_RESOURCE, "the token is not bound to a resource");
        }
    }

    private static byte[] derive(byte[] rootKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(rootKey, "HmacSHA256"));
            return mac.doFinal(PURPOSE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "AccessTokens[location=" + location + ", key=<redacted>]";
    }
}
