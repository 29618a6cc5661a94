package dev.lnjobs.query;

import dev.lnjobs.api.lightning.Invoice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** Ids and invoices for projection tests; every test makes its own, so tests sharing a database never meet. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A payment hash derived from a name, so a test can name its invoices. */
    public static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Invoice invoice(String name, long amountSats, Instant expiresAt) {
        return new Invoice(hash(name), "lnbcrt" + amountSats + "n1" + name.hashCode(), amountSats, expiresAt);
    }
}
