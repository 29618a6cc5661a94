package dev.lnjobs.infra.lightning;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode.PaymentStatus;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.lnjobs.infra.http.WireTestSupport.baseUrl;
import static dev.lnjobs.infra.http.WireTestSupport.bodyOf;
import static dev.lnjobs.infra.http.WireTestSupport.impatientClient;
import static dev.lnjobs.infra.http.WireTestSupport.json;
import static dev.lnjobs.infra.http.WireTestSupport.takeRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LnbitsLightningNodeTest {

    private static final String INVOICE_KEY = "invoice-key-1f2e3d";
    private static final String ADMIN_KEY = "admin-key-9a8b7c";
    private static final String HASH = "4b2c8e5f0a1d3c6b9e7f2a4d8c1b5e3f7a9d2c4b6e8f0a1c3d5e7f9b2a4c6d8e";
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final String SECRET = "11".repeat(32);
    private static final NodeKey LNBITS_NODE = NodeKey.fromPrivateKeyHex("2a".repeat(32));
    private static final String BOLT11 = invoice(BitcoinNetwork.MAINNET, 2100, HASH);

    private final MockWebServer lnbits = new MockWebServer();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeEach
    void start() throws IOException {
        lnbits.start();
    }

    @AfterEach
    void stop() throws IOException {
        lnbits.shutdown();
    }

    private LnbitsLightningNode node(String adminKey, String webhookUrl) {
        return new LnbitsLightningNode(baseUrl(lnbits), INVOICE_KEY, adminKey, impatientClient(), new ObjectMapper(),
                webhookUrl, BitcoinNetwork.MAINNET, clock);
    }

    /** A payment request signed the way LNbits' node would sign it. */
    static String invoice(BitcoinNetwork network, long amountSats, String paymentHash) {
        return Bolt11.encode(network, amountSats * 1000, NOW, paymentHash, SECRET, "job 42", 600, LNBITS_NODE);
    }

    private LnbitsLightningNode node() {
        return node(ADMIN_KEY, "https://jobs.example/lnbits/webhook");
    }

    private void answer(int status, String body) {
        lnbits.enqueue(new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body));
    }

    @Test
    void creates_invoice_with_invoice_key_and_documented_body() {
        answer(201, """
                {"payment_hash": "%s", "payment_request": "%s", "checking_id": "%s", "lnurl_response": null}
                """.formatted(HASH, BOLT11, HASH));

        Invoice invoice = node().createInvoice(2100, "job 42", Duration.ofMinutes(10));

        RecordedRequest request = takeRequest(lnbits);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/api/v1/payments");
        assertThat(request.getHeader("X-Api-Key")).isEqualTo(INVOICE_KEY);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(bodyOf(request)).isEqualTo(json("""
                {"out": false, "amount": 2100, "unit": "sat", "memo": "job 42", "expiry": 600,
                 "webhook": "https://jobs.example/lnbits/webhook"}"""));
        assertThat(invoice).isEqualTo(new Invoice(HASH, BOLT11, 2100, NOW.plusSeconds(600)));
    }

    @Test
    void omits_webhook_when_none_is_configured() {
        answer(201, """
                {"payment_hash": "%s", "payment_request": "%s"}""".formatted(HASH, BOLT11));

        node(ADMIN_KEY, null).createInvoice(2100, "job 7", Duration.ofSeconds(300));

        assertThat(bodyOf(takeRequest(lnbits)).has("webhook")).isFalse();
    }

    @Test
    void accepts_invoice_named_bolt11_as_newer_lnbits_answer() {
        answer(201, """
                {"checking_id": "%s", "payment_hash": "%s", "wallet_id": "c1a5e0", "amount": 2100000, "fee": 0,
                 "bolt11": "%s", "status": "pending", "memo": "job 42", "expiry": "2025-03-01T12:10:00",
                 "webhook": null, "extra": {}}""".formatted(HASH, HASH, BOLT11));

        Invoice invoice = node().createInvoice(2100, "job 42", Duration.ofMinutes(10));

        assertThat(invoice.paymentRequest()).isEqualTo(BOLT11);
        assertThat(invoice.paymentHash()).isEqualTo(HASH);
    }

    @Test
    void reports_paid_invoice_checked_with_invoice_key() {
        answer(200, """
                {"paid": true, "status": "success",
                 "preimage": "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
                 "details": {"payment_hash": "%s", "amount": 2100000, "fee": 0, "status": "success", "memo": "job 42"}}
                """.formatted(HASH));

        assertThat(node().checkPayment(HASH)).isEqualTo(PaymentStatus.PAID);

        RecordedRequest request = takeRequest(lnbits);
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getPath()).isEqualTo("/api/v1/payments/" + HASH);
        assertThat(request.getHeader("X-Api-Key")).isEqualTo(INVOICE_KEY);
    }

    @Test
    void reports_pending_while_invoice_is_unpaid() {
        answer(200, """
                {"paid": false, "preimage": null, "details": {"payment_hash": "%s", "status": "pending"}}"""
                .formatted(HASH));

        assertThat(node().checkPayment(HASH)).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void reports_failed_outgoing_payment() {
        answer(200, """
                {"paid": false, "status": "failed", "preimage": null,
                 "details": {"payment_hash": "%s", "amount": -1000000, "status": "failed"}}""".formatted(HASH));

        assertThat(node().checkPayment(HASH)).isEqualTo(PaymentStatus.FAILED);
    }

    @Test
    void reports_unknown_for_hash_lnbits_never_saw() {
        answer(404, """
                {"detail": "Payment does not exist."}""");

        assertThat(node().checkPayment(HASH)).isEqualTo(PaymentStatus.UNKNOWN);
    }

    @Test
    void rejects_malformed_hash_without_asking_lnbits() {
        assertThatThrownBy(() -> node().checkPayment("../wallet")).isInstanceOf(IllegalArgumentException.class);
        assertThat(lnbits.getRequestCount()).isZero();
    }

    @Test
    void rejects_bad_key_as_non_transient() {
        answer(401, """
                {"detail": "Invalid adminkey."}""");

        assertThatThrownBy(() -> node().createInvoice(100, "job", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(LightningException.class, e -> assertThat(e.isTransient()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 520})
    void treats_server_errors_as_transient(int status) {
        answer(status, """
                {"detail": "Could not create invoice: backend unreachable"}""");

        assertThatThrownBy(() -> node().createInvoice(2100, "job 42", Duration.ofMinutes(10)))
                .isInstanceOfSatisfying(LightningException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("backend unreachable");
                });
    }

    @Test
    void treats_timeout_as_transient() {
        lnbits.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

        assertThatThrownBy(() -> node().checkPayment(HASH))
                .isInstanceOfSatisfying(LightningException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).doesNotContain(INVOICE_KEY);
                });
    }

    @Test
    void treats_unreadable_success_answer_as_non_transient() {
        answer(200, "<html>login</html>");

        assertThatThrownBy(() -> node().createInvoice(100, "job", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(LightningException.class, e -> assertThat(e.isTransient()).isFalse());
    }

    @Test
    void refuses_an_invoice_for_another_amount_than_asked() {
        answerCreated(HASH, invoice(BitcoinNetwork.MAINNET, 21, HASH));

        assertThatThrownBy(() -> node().createInvoice(2100, "job 42", Duration.ofMinutes(10)))
                .isInstanceOfSatisfying(LightningException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("21000 msat").contains("2100000");
                });
    }

    @Test
    void refuses_an_invoice_whose_payment_hash_is_not_the_one_lnbits_named() {
        answerCreated(HASH, invoice(BitcoinNetwork.MAINNET, 2100, "ab".repeat(32)));

        assertThatThrownBy(() -> node().createInvoice(2100, "job 42", Duration.ofMinutes(10)))
                .isInstanceOfSatisfying(LightningException.class,
                        e -> assertThat(e.getMessage()).contains("payment hash " + "ab".repeat(32)));
    }

    @Test
    void refuses_an_invoice_on_another_network() {
        answerCreated(HASH, invoice(BitcoinNetwork.TESTNET, 2100, HASH));

        assertThatThrownBy(() -> node().createInvoice(2100, "job 42", Duration.ofMinutes(10)))
                .isInstanceOfSatisfying(LightningException.class,
                        e -> assertThat(e.getMessage()).contains("TESTNET").contains("MAINNET"));
    }

    @Test
    void refuses_a_payment_request_that_does_not_decode() {
        answerCreated(HASH, "lnbc21u1pn9x7hpp5fvkgu...sample");

        assertThatThrownBy(() -> node().createInvoice(2100, "job 42", Duration.ofMinutes(10)))
                .isInstanceOfSatisfying(LightningException.class,
                        e -> assertThat(e.getMessage()).contains("does not decode"));
    }

    private void answerCreated(String paymentHash, String paymentRequest) {
        answer(201, """
                {"payment_hash": "%s", "payment_request": "%s"}""".formatted(paymentHash, paymentRequest));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/lnbits", "/lnbits/"})
    void reaches_payments_under_base_url_with_or_without_trailing_slash(String prefix) {
        answer(404, """
                {"detail": "Payment does not exist."}""");
        LnbitsLightningNode behindProxy = new LnbitsLightningNode(baseUrl(lnbits) + prefix, INVOICE_KEY, null,
                impatientClient(), new ObjectMapper(), null, BitcoinNetwork.MAINNET, clock);

        behindProxy.checkPayment(HASH);

        assertThat(takeRequest(lnbits).getPath()).isEqualTo("/lnbits/api/v1/payments/" + HASH);
    }
}
