package dev.lnjobs.sagas.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The fingerprint {@code ssh-keygen -l} prints for a public key: SHA256 of the key blob, unpadded base64. */
public final class SshFingerprint {

    private SshFingerprint() {
    }

    /** {@code authorizedKeysLine} is {@code <type> <base64 blob> [comment]}. */
    public static String of(String authorizedKeysLine) {
        String[] fields = authorizedKeysLine.strip().split(" ");
        if (fields.length < 2) {
            throw new IllegalArgumentException("not an authorized_keys line");
        }
        byte[] blob = Base64.getDecoder().decode(fields[1].getBytes(StandardCharsets.US_ASCII));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
