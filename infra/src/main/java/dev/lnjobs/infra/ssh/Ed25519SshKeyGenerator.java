package dev.lnjobs.infra.ssh;

import dev.lnjobs.sagas.bootstrap.SshKeyGenerator;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@link SshKeyGenerator} making Ed25519 keys with BouncyCastle, written in the formats OpenSSH itself writes:
 * an authorized_keys line and an unencrypted "openssh-key-v1" private key, so {@code ssh -i} takes it as is.
 */
public final class Ed25519SshKeyGenerator implements SshKeyGenerator {

    static final String PEM_HEADER = "-----BEGIN OPENSSH PRIVATE KEY-----";
    static final String PEM_FOOTER = "-----END OPENSSH PRIVATE KEY-----";
    /** ssh-keygen wraps the base64 body at 70 characters; matching it keeps strict parsers happy. */
    private static final int PEM_LINE_LENGTH = 70;

    private final SecureRandom random;

    public Ed25519SshKeyGenerator(SecureRandom random) {
        this.random = random;
    }

    public Ed25519SshKeyGenerator() {
        this(new SecureRandom());
    }

    @Override
    public SshKeyPair generate(String comment) {
        if (comment.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an SSH key comment must stay on one line");
        }
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(random));
        AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();
        try {
            byte[] publicBlob = OpenSSHPublicKeyUtil.encodePublicKey(keyPair.getPublic());
            byte[] privateBlob = OpenSSHPrivateKeyUtil.encodePrivateKey(keyPair.getPrivate());
            String publicLine = "ssh-ed25519 " + Base64.getEncoder().encodeToString(publicBlob)
                    + (comment.isBlank() ? "" : " " + comment.strip());
            return new SshKeyPair(publicLine, pem(privateBlob));
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a fresh Ed25519 key", e);
        }
    }

    private static String pem(byte[] der) {
        String body = Base64.getEncoder().encodeToString(der);
        StringBuilder pem = new StringBuilder(PEM_HEADER).append('\n');
        for (int start = 0; start < body.length(); start += PEM_LINE_LENGTH) {
            pem.append(body, start, Math.min(body.length(), start + PEM_LINE_LENGTH)).append('\n');
        }
        return pem.append(PEM_FOOTER).append('\n').toString();
    }
}
