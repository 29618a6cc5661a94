package dev.lnjobs.infra.ssh;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * AES-256-GCM for SSH private keys at rest. Each key gets a fresh 96-bit nonce; the bootstrap id is authenticated
 * with it, so a ciphertext copied to another bootstrap's row does not decrypt there.
 */
public final class SshKeyCipher {

    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    public SshKeyCipher(byte[] key, SecureRandom random) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = random;
    }

    /** From SSH_KEY_ENCRYPTION_KEY: 64 hex digits. The message never echoes the value. */
    public static SshKeyCipher fromHex(String hex) {
        String trimmed = hex == null ? "" : hex.strip();
        if (!trimmed.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("SSH_KEY_ENCRYPTION_KEY must be 64 hex digits (32 bytes)");
        }
        return new SshKeyCipher(HexFormat.of().parseHex(trimmed), new SecureRandom());
    }

    public record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    public Sealed seal(String bootstrapId, String privateKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, bootstrapId);
            return new Sealed(nonce, cipher.doFinal(privateKey.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Throws when the ciphertext was altered, belongs to another bootstrap or was sealed under another key. */
    public String open(String bootstrapId, Sealed sealed) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, sealed.nonce(), bootstrapId);
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("the stored SSH key of bootstrap " + bootstrapId
                    + " does not authenticate: altered, or sealed under another SSH_KEY_ENCRYPTION_KEY");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String bootstrapId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(bootstrapId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SshKeyCipher[AES-256-GCM, key hidden]";
    }
}
