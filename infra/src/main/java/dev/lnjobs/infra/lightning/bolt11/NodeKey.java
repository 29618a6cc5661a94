package dev.lnjobs.infra.lightning.bolt11;

import org.bouncycastle.util.BigIntegers;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A Lightning node identity: a secp256k1 private key and the 33-byte compressed public key invoices are signed for.
 * {@link #toString()} shows only the public half so the secret never reaches a log.
 */
public final class NodeKey {

    private static final HexFormat HEX = HexFormat.of();

    private final BigInteger secret;
    private final byte[] publicKey;

    private NodeKey(BigInteger secret) {
        if (!Secp256k1.isValidPrivateKey(secret)) {
            throw new IllegalArgumentException("a private key must lie between 1 and the secp256k1 order minus 1");
        }
        this.secret = secret;
        this.publicKey = Secp256k1.compressedPublicKey(secret);
    }

    public static NodeKey fromPrivateKey(byte[] privateKey) {
        if (privateKey == null || privateKey.length != 32) {
            throw new IllegalArgumentException("a private key is 32 bytes");
        }
        return new NodeKey(new BigInteger(1, privateKey));
    }

    public static NodeKey fromPrivateKeyHex(String privateKeyHex) {
        return fromPrivateKey(HEX.parseHex(privateKeyHex));
    }

    public static NodeKey generate(SecureRandom random) {
        byte[] candidate = new byte[32];
        while (true) {
            random.nextBytes(candidate);
            BigInteger secret = new BigInteger(1, candidate);
            // Only about 2^-128 of 32-byte strings fall outside the range, but they must not become keys.
            if (Secp256k1.isValidPrivateKey(secret)) {
                return new NodeKey(secret);
            }
        }
    }

    public static NodeKey generate() {
        return generate(new SecureRandom());
    }

    /** The compressed public key of a raw 32-byte private key, as 66 hex characters. */
    public static String publicKeyHexOf(byte[] privateKey) {
        return fromPrivateKey(privateKey).publicKeyHex();
    }

    public byte[] privateKey() {
        return BigIntegers.asUnsignedByteArray(32, secret);
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyHex() {
        return HEX.formatHex(publicKey);
    }

    BigInteger secret() {
        return secret;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeKey key && key.secret.equals(secret);
    }

    @Override
    public int hashCode() {
        return secret.hashCode();
    }

    @Override
    public String toString() {
        return "NodeKey[publicKey=" + publicKeyHex() + "]";
    }
}
