package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's refund paid to its refund address by the real LUD-16 resolver, against a MockWebServer on loopback
 * standing in for the address's wallet service (the test allowance: http and loopback, well-known URLs at its
 * origin), and by the stub Lightning node.
 */
class RefundAddressWireTest extends ServerTest {

    private static final NodeKey WALLET = NodeKey.fromPrivateKeyHex("33".repeat(32));
    private static final String METADATA = "[[\"text/plain\",\"Pay to dave\"],[\"text/identifier\","
            + "\"dave@wallet.example\"]]";
    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static final MockWebServer WALLET_SERVICE = startWalletService();

    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void lightningAddressAllowance(DynamicPropertyRegistry registry) {
        registry.add("lnjobs.lightning-address.insecure-test-origin",
                () -> "http://127.0.0.1:" + WALLET_SERVICE.getPort());
    }

    @AfterAll
    static void stopWalletService() throws IOException {
        WALLET_SERVICE.shutdown();
    }

    private static MockWebServer startWalletService() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                CALLS.add(request.getPath());
                String callback = "http://127.0.0.1:" + server.getPort() + "/lnurlp/dave/callback";
                if ("/.well-known/lnurlp/dave".equals(request.getPath())) {
                    return json("{\"tag\":\"payRequest\",\"callback\":\"" + callback + "\",\"minSendable\":1000,"
                            + "\"maxSendable\":100000000,\"metadata\":\"" + METADATA.replace("\"", "\\\"") + "\"}");
                }
                if (request.getRequestUrl().encodedPath().equals("/lnurlp/dave/callback")) {
                    long msat = Long.parseLong(request.getRequestUrl().queryParameter("amount"));
                    return json("{\"pr\":\"" + invoice(msat) + "\",\"routes\":[]}");
                }
                return new MockResponse().setResponseCode(404).setBody("{\"status\":\"ERROR\",\"reason\":\"no\"}");
            }
        });
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String invoice(long msat) {
        byte[] hash = new byte[32];
        new SecureRandom().nextBytes(hash);
        return Bolt11.encodeWithDescriptionHash(BitcoinNetwork.REGTEST, msat, Instant.now(),
                HexFormat.of().formatHex(hash), "cd".repeat(32), sha256Hex(METADATA), 600, WALLET);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_refund_is_paid_to_the_invoice_the_address_s_service_answered() {
        ApiClient api = api();
        RefundTest.CompletedJob job = RefundAddressTest.completeJob(api, "dave@wallet.example");

        JsonNode ledger = RefundAddressTest.ledgerWhen(api, job.jobId(), "paid");

        assertThat(CALLS).contains("/.well-known/lnurlp/dave", "/lnurlp/dave/callback?amount=1000");
        String paid = jdbc.queryForObject("SELECT payment_request FROM stub_invoice WHERE payment_hash = ? "
                + "AND direction = 'out'", String.class, ledger.path("refundPaymentHash").asText());
        assertThat(Bolt11.decode(paid).payeePubKey()).isEqualTo(WALLET.publicKeyHex());
        assertThat(Bolt11.decode(paid).amountMsat()).isEqualTo(1000L);
        assertThat(Bolt11.decode(paid).descriptionHash()).isEqualTo(sha256Hex(METADATA));
    }

    @Test
    void an_address_the_service_does_not_know_leaves_the_refund_claimable() {
        ApiClient api = api();
        RefundTest.CompletedJob job = RefundAddressTest.completeJob(api, "nobody@wallet.example");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(
                () -> RefundAddressTest.events(jdbc, job.jobId(), "AddressRefundFailed"), failed -> !failed.isEmpty());
        assertThat(RefundAddressTest.events(jdbc, job.jobId(), "AddressRefundFailed").get(0)).contains("no");
        assertThat(RefundAddressTest.ledgerWhen(api, job.jobId(), "pending").hasNonNull("refundPaymentHash"))
                .isFalse();
    }
}
