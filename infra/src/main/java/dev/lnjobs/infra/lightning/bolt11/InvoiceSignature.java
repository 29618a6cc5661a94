package dev.lnjobs.infra.lightning.bolt11;

import dev.lnjobs.infra.lightning.bolt11.Bolt11Exception.Reason;
import dev.lnjobs.infra.lightning.bolt11.Secp256k1.RecoverableSignature;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The invoice signature: 65 bytes (r, s, recovery id) in the last 104 words, over SHA-256 of the human-readable
 * part's bytes followed by the data words before the signature, packed into bytes with zero padding.
 */
final class InvoiceSignature {

    static final int WORDS = 104;

    private InvoiceSignature() {
    }

    static byte[] sign(String hrp, byte[] dataWords, BigInteger secret) {
        byte[] hash = signingHash(hrp, dataWords, dataWords.length);
        return Bech32.bytesToWords(Secp256k1.sign(hash, secret).toCompact());
    }

    /**
     * The payee's compressed key: {@code declaredPayeeKey} (the {@code n} field) when present, which the signature
     * must verify against in low-S form; otherwise the key recovered from the signature, high or low S.
     */
    static byte[] payeeKey(String hrp, byte[] words, byte[] declaredPayeeKey) {
        int signatureStart = words.length - WORDS;
        byte[] hash = signingHash(hrp, words, signatureStart);
        RecoverableSignature signature =
                RecoverableSignature.fromCompact(Bech32.wordsToBytes(words, signatureStart, words.length));
        if (!signature.hasScalarsInRange()) {
            throw new Bolt11Exception(Reason.BAD_SIGNATURE, "r or s is zero or not below the curve order");
        }
        if (declaredPayeeKey == null) {
            // The spec's "recovery with high-S signature" example keeps the recovery id of the low-S form, so
            // normalise s before recovering; the key found verifies the signature as given, since ECDSA accepts
            // s and n - s alike.
            return Secp256k1.recoverPublicKey(hash, signature.withLowS()).orElseThrow(() -> new Bolt11Exception(
                    Reason.BAD_SIGNATURE, "no public key can be recovered from the signature"));
        }
        return verified(hash, signature, declaredPayeeKey);
    }

    private static byte[] verified(byte[] hash, RecoverableSignature signature, byte[] declaredPayeeKey) {
        Optional<ECPoint> payee = Secp256k1.decodePublicKey(declaredPayeeKey);
        if (payee.isEmpty()) {
            throw new Bolt11Exception(Reason.BAD_FIELD_VALUE, "the n (payee key) field is not a secp256k1 point");
        }
        // With an explicit key the spec demands canonical low S, so a malleated copy cannot pass as the same invoice.
        if (!signature.isLowS()) {
            throw new Bolt11Exception(Reason.BAD_SIGNATURE, "high-S signature alongside an n (payee key) field");
        }
        if (!Secp256k1.verify(hash, signature, payee.get())) {
            throw new Bolt11Exception(Reason.BAD_SIGNATURE, "the signature does not verify against the n field");
        }
        return declaredPayeeKey.clone();
    }

    private static byte[] signingHash(String hrp, byte[] words, int dataEnd) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(hrp.getBytes(StandardCharsets.US_ASCII));
            sha256.update(Bech32.wordsToBytes(words, 0, dataEnd));
            return sha256.digest();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime provides SHA-256", impossible);
        }
    }
}
