package dev.lnjobs.infra.macaroon;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An immutable macaroon with first-party caveats only, signed exactly as libmacaroons does so that
 * tokens interoperate with libmacaroons, pymacaroons, go-macaroon and jmacaroons:
 *
 * <pre>
 *   derived = HMAC-SHA256(key = "macaroons-key-generator", message = rootKey)
 *   sig0    = HMAC-SHA256(key = derived, message = identifier)
 *   sigN    = HMAC-SHA256(key = sigN-1, message = caveatN as UTF-8)
 * </pre>
 *
 * The key-derivation step is what libmacaroons' {@code macaroon_create} does (as opposed to
 * {@code macaroon_create_raw}); libmacaroons zero-pads the generator string to 32 bytes, which HMAC
 * does anyway for keys shorter than its 64-byte block, so the plain string is equivalent.
 *
 * <p>Because each caveat is keyed by the previous signature, anyone holding a macaroon can append a
 * caveat ({@link #withCaveat}) but nobody without the root key can remove or alter one.
 *
 * <p>The signature is the bearer secret: {@link #toString()} leaves it out.
 */
public final class Macaroon {

    public static final int SIGNATURE_BYTES = 32;

    private static final byte[] KEY_GENERATOR = "macaroons-key-generator".getBytes(StandardCharsets.US_ASCII);
    private static final String HMAC_SHA256 = "HmacSHA256";

    private final String location;
    private final byte[] identifier;
    private final List<String> caveats;
    private final byte[] signature;

    /** For the codec, which has already checked the field shapes; the signature is not verified here. */
    Macaroon(String location, byte[] identifier, List<String> caveats, byte[] signature) {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(signature, "signature");
        if (signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("signature must be " + SIGNATURE_BYTES + " bytes");
        }
        this.location = location;
        this.identifier = identifier.clone();
        this.caveats = List.copyOf(caveats);
        this.signature = signature.clone();
    }

    /**
     * Mints a macaroon without caveats.
     *
     * @param location a hint where the macaroon is used, or {@code null} for none; not signed
     */
    public static Macaroon mint(byte[] rootKey, String location, byte[] identifier) {
        Objects.requireNonNull(rootKey, "rootKey");
        Objects.requireNonNull(identifier, "identifier");
        return new Macaroon(location, identifier, List.of(), signatureOf(rootKey, identifier, List.of()));
    }

    /** A new macaroon with {@code caveat} appended; this one is unchanged. Needs no root key. */
    public Macaroon withCaveat(String caveat) {
        Objects.requireNonNull(caveat, "caveat");
        List<String> extended = new ArrayList<>(caveats);
        extended.add(caveat);
        return new Macaroon(location, identifier, extended, chain(signature, caveat));
    }

    /** The signature the root key yields for these fields; the verifier compares it to the carried one. */
    static byte[] signatureOf(byte[] rootKey, byte[] identifier, List<String> caveats) {
        byte[] derivedKey = hmac(KEY_GENERATOR, rootKey);
        byte[] sig = hmac(derivedKey, identifier);
        Arrays.fill(derivedKey, (byte) 0);
        for (String caveat : caveats) {
            sig = chain(sig, caveat);
        }
        return sig;
    }

    private static byte[] chain(byte[] previousSignature, String caveat) {
        return hmac(previousSignature, caveat.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            // A Mac instance is not thread-safe, and creating one is cheap next to a network round trip.
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA256, and our keys are never empty.
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    public byte[] identifier() {
        return identifier.clone();
    }

    /** The first-party caveat predicates, oldest first. */
    public List<String> caveats() {
        return caveats;
    }

    public byte[] signature() {
        return signature.clone();
    }

    /** Lower-case hex, the form published test vectors use. */
    public String signatureHex() {
        return HexFormat.of().formatHex(signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Macaroon that
                && Objects.equals(location, that.location)
                && Arrays.equals(identifier, that.identifier)
                && caveats.equals(that.caveats)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, Arrays.hashCode(identifier), caveats, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "Macaroon[location=" + location + ", identifier=" + HexFormat.of().formatHex(identifier)
                + ", caveats=" + caveats.size() + ", signature=<redacted>]";
    }
}
