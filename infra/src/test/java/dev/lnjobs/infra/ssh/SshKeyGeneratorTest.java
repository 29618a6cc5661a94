package dev.lnjobs.infra.ssh;

import dev.lnjobs.sagas.bootstrap.SshKeyGenerator.SshKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Checks {@link Ed25519SshKeyGenerator} against the OpenSSH formats (PROTOCOL.key, RFC 8709). */
class SshKeyGeneratorTest {

    private final Ed25519SshKeyGenerator generator = new Ed25519SshKeyGenerator();

    @Test
    void public_key_is_an_authorized_keys_line_with_a_32_byte_ed25519_key() {
        SshKeyPair pair = generator.generate("timmy-node-1a2b");

        String[] fields = pair.publicKeyOpenSsh().split(" ");
        assertThat(fields).hasSize(3);
        assertThat(fields[0]).isEqualTo("ssh-ed25519");
        assertThat(fields[2]).isEqualTo("timmy-node-1a2b");
        ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(fields[1]));
        assertThat(readString(blob)).isEqualTo("ssh-ed25519");
        assertThat(readBytes(blob)).hasSize(32);
        assertThat(blob.hasRemaining()).isFalse();
    }

    @Test
    void private_key_is_pem_armoured_openssh_key_v1_with_70_character_lines() {
        SshKeyPair pair = generator.generate("timmy-node-1a2b");

        List<String> lines = pair.privateKeyPem().lines().toList();
        assertThat(lines.get(0)).isEqualTo("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("-----END OPENSSH PRIVATE KEY-----");
        List<String> body = lines.subList(1, lines.size() - 1);
        assertThat(body.subList(0, body.size() - 1)).allSatisfy(line -> assertThat(line).hasSize(70));
        assertThat(body.get(body.size() - 1)).hasSizeBetween(1, 70);
        assertThat(pair.privateKeyPem()).endsWith("\n");

        ByteBuffer key = ByteBuffer.wrap(decodePem(pair.privateKeyPem()));
        byte[] magic = new byte[15];
        key.get(magic);
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("openssh-key-v1\0");
        assertThat(readString(key)).as("cipher").isEqualTo("none");
        assertThat(readString(key)).as("kdf").isEqualTo("none");
        assertThat(readBytes(key)).as("kdf options").isEmpty();
        assertThat(key.getInt()).as("number of keys").isEqualTo(1);
    }

    @Test
    void private_key_holds_the_same_public_key_and_a_matching_secret() {
        SshKeyPair pair = generator.generate("timmy-node-1a2b");
        byte[] publicBlob = Base64.getDecoder().decode(pair.publicKeyOpenSsh().split(" ")[1]);

        ByteBuffer key = ByteBuffer.wrap(decodePem(pair.privateKeyPem()));
        key.position(15);
        readBytes(key); // cipher
        readBytes(key); // kdf
        readBytes(key); // kdf options
        key.getInt();
        assertThat(readBytes(key)).as("public key section").isEqualTo(publicBlob);

        ByteBuffer secret = ByteBuffer.wrap(readBytes(key));
        assertThat(secret.getInt()).as("check ints match, so the key is not encrypted").isEqualTo(secret.getInt());
        assertThat(readString(secret)).isEqualTo("ssh-ed25519");
        byte[] publicKey = readBytes(secret);
        byte[] seedAndPublic = readBytes(secret);
        assertThat(seedAndPublic).hasSize(64);
        assertThat(Arrays.copyOfRange(seedAndPublic, 32, 64)).isEqualTo(publicKey);
        assertThat(Arrays.copyOfRange(publicBlob, publicBlob.length - 32, publicBlob.length)).isEqualTo(publicKey);
    }

    @Test
    void every_pair_is_new() {
        assertThat(generator.generate().publicKeyOpenSsh()).isNotEqualTo(generator.generate().publicKeyOpenSsh());
    }

    @Test
    void refuses_a_comment_that_would_break_the_authorized_keys_line() {
        assertThatThrownBy(() -> generator.generate("timmy\nssh-ed25519 AAAA attacker"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void description_of_the_pair_never_shows_the_private_key() {
        SshKeyPair pair = generator.generate();

        assertThat(pair.toString()).doesNotContain("PRIVATE KEY").contains(pair.publicKeyOpenSsh());
    }

    @Test
    void ssh_keygen_derives_the_same_public_key_from_the_private_key(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("ssh-keygen"), "ssh-keygen is not installed");
        SshKeyPair pair = generator.generate("timmy-node-1a2b");
        Path keyFile = dir.resolve("id_ed25519");
        // ssh-keygen refuses private keys that others can read.
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, pair.privateKeyPem());

        Process keygen = new ProcessBuilder("ssh-keygen", "-y", "-f", keyFile.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).as("ssh-keygen finished").isTrue();
        String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertThat(keygen.exitValue()).as(output).isZero();
        // The comment lives only in the public line; compare key type and key.
        String[] derived = output.split(" ");
        String[] generated = pair.publicKeyOpenSsh().split(" ");
        assertThat(derived[0] + " " + derived[1]).isEqualTo(generated[0] + " " + generated[1]);
    }

    private static byte[] decodePem(String pem) {
        String body = pem.lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);
        return Base64.getDecoder().decode(body);
    }

    private static byte[] readBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return bytes;
    }

    private static String readString(ByteBuffer buffer) {
        return new String(readBytes(buffer), StandardCharsets.US_ASCII);
    }

    static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
