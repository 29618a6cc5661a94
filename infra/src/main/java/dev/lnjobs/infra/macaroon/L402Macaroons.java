package dev.lnjobs.infra.macaroon;

import dev.lnjobs.infra.macaroon.CaveatPredicate.Verdict;
import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Issues and checks L402 macaroons (bLIP-0026; Lightning Labs' Aperture). The identifier is {@link L402Identifier};
 * the caveats are the spec's {@code condition=value} strings: {@code services=lnjobs:0} and
 * {@code lnjobs_session=<uuid>}, naming the session the paid invoice funds. A holder may add
 * {@code lnjobs_valid_until=<unix seconds>} and {@code lnjobs_capabilities=<a,b>} to narrow a token; they are
 * enforced, every occurrence. Caveats of other services, or not of that form, are skipped, as the spec says.
 *
 * <p>Aperture stores a root key per token; here each token's root key is derived from the macaroon root key (for
 * this purpose alone, as {@link AccessTokens} does) and the token's identifier, so nothing is stored. The bearer's
 * proof of payment is the invoice's preimage: {@code sha256(preimage)} must equal the identifier's payment hash.
 *
 * <p>Verification order, as the spec has it: decoding (MALFORMED), the HMAC chain in constant time (BAD_SIGNATURE),
 * the preimage (BAD_SIGNATURE too: the credential does not prove the payment), then the caveats ({@link L402Caveats}).
 */
public final class L402Macaroons {

    public static final String SERVICE = "lnjobs";
    static final String SERVICES = "services";
    static final String SESSION = SERVICE + "_session";
    static final String VALID_UNTIL = SERVICE + "_valid_until";
    static final String CAPABILITIES = SERVICE + "_capabilities";

    private static final byte[] PURPOSE = "lnjobs l402 v1".getBytes(StandardCharsets.UTF_8);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;
    private final String location;
    private final SecureRandom random = new SecureRandom();

    public L402Macaroons(byte[] rootKey, String location) {
        Objects.requireNonNull(rootKey, "rootKey");
        if (rootKey.length < SessionMacaroons.MIN_ROOT_KEY_BYTES) {
            throw new IllegalArgumentException("root key must be at least " + SessionMacaroons.MIN_ROOT_KEY_BYTES
                    + " bytes");
        }
        this.key = hmac(rootKey, PURPOSE);
        this.location = Objects.requireNonNull(location, "location");
    }

    /** What a verified credential authenticates as. */
    public record Holder(String sessionId, String paymentHash) {
    }

    /**
     * A fresh token for the session the invoice with {@code paymentHash} funds.
     *
     * @return the macaroon in standard base64 with padding, as the challenge carries it
     */
    public String mint(String paymentHash, String sessionId) {
        byte[] tokenId = new byte[32];
        random.nextBytes(tokenId);
        byte[] identifier = new L402Identifier(HEX.parseHex(paymentHash), tokenId).encode();
        Macaroon macaroon = Macaroon.mint(keyFor(identifier), location, identifier)
                .withCaveat(SERVICES + "=" + SERVICE + ":0")
                .withCaveat(SESSION + "=" + SessionCaveats.canonicalUuid(sessionId)
                        .orElseThrow(() -> new IllegalArgumentException("session id must be a UUID")));
        return Base64.getEncoder().encodeToString(MacaroonCodec.toBinary(macaroon));
    }

    /**
     * Checks a credential {@code <macaroon>:<preimage>}: the macaroon (either base64 alphabet, padded or not) was
     * issued here, the preimage pays its invoice, and this service's caveats hold for {@code capability} at
     * {@code now}.
     *
     * @throws MacaroonRejectedException MALFORMED, BAD_SIGNATURE (also for a preimage that does not match),
     *     WRONG_RESOURCE (another service or capability), EXPIRED, WRONG_SESSION (no or conflicting session)
     */
    public Holder verify(String macaroonBase64, String preimageHex, String capability, Instant now) {
        Macaroon macaroon = MacaroonCodec.fromBinary(base64(macaroonBase64));
        L402Identifier identifier = L402Identifier.decode(macaroon.identifier());
        MacaroonVerifier.of(caveat -> Verdict.SATISFIED).verify(macaroon, keyFor(macaroon.identifier()));
        byte[] preimage = preimage(preimageHex);
        if (!MessageDigest.isEqual(sha256(preimage), identifier.paymentHash())) {
            throw new MacaroonRejectedException(Reason.BAD_SIGNATURE, "the preimage does not pay the token's invoice");
        }
        String sessionId = L402Caveats.check(macaroon.caveats(), capability, now);
        return new Holder(sessionId, identifier.paymentHashHex());
    }

    private byte[] keyFor(byte[] identifier) {
        return hmac(key, identifier);
    }

    private static byte[] base64(String text) {
        if (text == null || text.isEmpty() || text.length() > MacaroonCodec.MAX_TOKEN_CHARS) {
            throw new MacaroonRejectedException(Reason.MALFORMED, "the macaroon is empty or too long");
        }
        String standard = text.replace('-', '+').replace('_', '/');
        try {
            return Base64.getDecoder().decode(standard.length() % 4 == 0 ? standard
                    : standard + "=".repeat(4 - standard.length() % 4));
        } catch (IllegalArgumentException e) {
            throw new MacaroonRejectedException(Reason.MALFORMED, "the macaroon is not base64");
        }
    }

    private static byte[] preimage(String hex) {
        if (hex == null || hex.length() != 64) {
            throw new MacaroonRejectedException(Reason.MALFORMED, "the preimage is not 64 hex digits");
        }
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new MacaroonRejectedException(Reason.MALFORMED, "the preimage is not 64 hex digits");
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "L402Macaroons[location=" + location + ", key=<redacted>]";
    }
}
