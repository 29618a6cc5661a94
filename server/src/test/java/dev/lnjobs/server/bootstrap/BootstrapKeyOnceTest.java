package dev.lnjobs.server.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.ssh.Ed25519SshKeyGenerator;
import dev.lnjobs.sagas.bootstrap.SshKeyVault;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The SSH private key leaves the server once: concurrent first reads race, exactly one wins. */
class BootstrapKeyOnceTest extends ServerTest {

    private static final int READERS = 12;

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private SshKeyVault vault;

    @Test
    void of_many_concurrent_first_reads_of_a_ready_node_exactly_one_holder_gets_the_key() throws Exception {
        ApiClient api = api();
        JsonNode created = api.post("/api/bootstrap").body();
        String id = created.path("bootstrapJobId").asText();
        String token = created.path("accessToken").asText();
        api.post("/api/dev/stub/pay/" + created.path("invoice").path("paymentHash").asText());
        // Wait on the read model, not on GET: a GET that saw the node ready would take the key.
        await().atMost(Duration.ofSeconds(30)).until(() -> "READY".equals(jdbc.queryForObject(
                "SELECT state FROM bootstrap_view WHERE bootstrap_id = ?", String.class, id)));

        // Half the readers hold the access token, half know the id only.
        AtomicInteger reader = new AtomicInteger();
        List<JsonNode> responses = concurrently(READERS, () -> {
            boolean holder = reader.getAndIncrement() % 2 == 0;
            ApiClient.Response response = api.getWithBearer("/api/bootstrap/" + id, holder ? token : null);
            assertThat(response.status()).isEqualTo(200);
            return response.body();
        });

        assertThat(responses).hasSize(READERS)
                .allSatisfy(body -> assertThat(body.path("state").asText()).isEqualTo("ready"));
        List<JsonNode> anonymous = responses.stream().filter(body -> !body.has("credentials")).toList();
        assertThat(anonymous).hasSize(READERS / 2).allSatisfy(body -> assertThat(body.path("sshKeyNote").asText())
                .isEqualTo(BootstrapResponse.TOKEN_NEEDED));
        List<JsonNode> holders = responses.stream().filter(body -> body.has("credentials")).toList();
        List<JsonNode> withKey = holders.stream()
                .filter(body -> !body.path("credentials").path("sshPrivateKey").isNull()).toList();
        assertThat(withKey).hasSize(1);
        assertThat(withKey.get(0).path("credentials").path("sshPrivateKey").asText())
                .startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(holders).filteredOn(body -> body.path("credentials").path("sshPrivateKey").isNull())
                .hasSize(READERS - READERS / 2 - 1)
                .allSatisfy(body -> assertThat(body.path("sshKeyNote").asText()).isEqualTo(BootstrapResponse.KEY_GONE));
    }

    @Test
    void of_concurrent_takers_exactly_one_gets_the_stored_key_and_it_is_the_same_key() throws Exception {
        String id = UUID.randomUUID().toString();
        String privateKey = new Ed25519SshKeyGenerator().generate().privateKeyPem();
        vault.store(id, privateKey);

        List<Optional<String>> taken = concurrently(32, () -> vault.takeOnce(id));

        assertThat(taken).filteredOn(Optional::isPresent).singleElement().isEqualTo(Optional.of(privateKey));
        assertThat(taken).filteredOn(Optional::isEmpty).hasSize(31);
        assertThat(rowsFor(id)).isZero();
    }

    @Test
    void a_stored_key_is_encrypted_under_a_development_key_of_32_bytes() {
        String id = UUID.randomUUID().toString();
        String privateKey = new Ed25519SshKeyGenerator().generate().privateKeyPem();
        vault.store(id, privateKey);

        byte[] ciphertext = jdbc.queryForObject("SELECT ciphertext FROM ssh_private_key WHERE bootstrap_id = ?",
                byte[].class, id);
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("OPENSSH")
                .doesNotContain(privateKey.lines().skip(1).findFirst().orElseThrow());
        assertThat(jdbc.queryForObject("SELECT length(secret) FROM bootstrap_secret WHERE name = "
                + "'ssh-key-encryption-key'", Integer.class)).isEqualTo(32);
        assertThat(vault.takeOnce(id)).contains(privateKey);
    }

    @Test
    void a_key_that_does_not_decrypt_is_not_lost_by_the_failed_read() {
        String id = UUID.randomUUID().toString();
        vault.store(id, new Ed25519SshKeyGenerator().generate().privateKeyPem());
        // flip the byte's bits: writing a fixed value left it unchanged once in 256 runs (the nonce is random)
        jdbc.update("UPDATE ssh_private_key SET ciphertext = set_byte(ciphertext, 2, get_byte(ciphertext, 2) # 255) "
                + "WHERE bootstrap_id = ?", id);

        assertThatThrownBy(() -> vault.takeOnce(id)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not authenticate");
        assertThat(rowsFor(id)).isEqualTo(1);
    }

    @Test
    void a_discarded_key_is_gone() {
        String id = UUID.randomUUID().toString();
        vault.store(id, new Ed25519SshKeyGenerator().generate().privateKeyPem());

        vault.discard(id);

        assertThat(rowsFor(id)).isZero();
        assertThat(vault.takeOnce(id)).isEmpty();
    }

    private int rowsFor(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM ssh_private_key WHERE bootstrap_id = ?", Integer.class, id);
    }

    /** Runs {@code task} on {@code threads} threads released at the same moment; answers every result. */
    private static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
