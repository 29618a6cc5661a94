package dev.lnjobs.sagas.bootstrap;

/** Makes the key pair the buyer logs into their node with; we hand the private half over once and forget it. */
public interface SshKeyGenerator {

    /** {@code comment} ends the public key line, so the buyer can tell keys apart in authorized_keys. */
    SshKeyPair generate(String comment);

    default SshKeyPair generate() {
        return generate("timmy-node");
    }

    /**
     * {@code publicKeyOpenSsh} is one authorized_keys line ({@code ssh-ed25519 AAAA… comment});
     * {@code privateKeyPem} is an unencrypted OpenSSH private key ({@code -----BEGIN OPENSSH PRIVATE KEY-----…}).
     */
    record SshKeyPair(String publicKeyOpenSsh, String privateKeyPem) {

        /** Keeps the private key out of logs and exception messages. */
        @Override
        public String toString() {
            return "SshKeyPair[publicKeyOpenSsh=" + publicKeyOpenSsh + ", privateKeyPem=<redacted>]";
        }
    }
}
