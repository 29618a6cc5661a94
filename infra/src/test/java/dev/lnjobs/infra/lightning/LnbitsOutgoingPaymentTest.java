package dev.lnjobs.infra.lightning;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.OutgoingPayment;
import dev.lnjobs.sagas.lightning.OutgoingPayment.State;
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
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.lnjobs.infra.http.WireTestSupport.baseUrl;
import static dev.lnjobs.infra.http.WireTestSupport.bodyOf;
import static dev.lnjobs.infra.http.WireTestSupport.impatientClient;
import static dev.lnjobs.infra.http.WireTestSupport.json;
import static dev.lnjobs.infra.http.WireTestSupport.takeRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outgoing payments against answers shaped like LNbits' (lnbits/core/views/payment_api.py, exceptions.py). */
class LnbitsOutgoingPaymentTest {

    private static final String INVOICE_KEY = "invoice-key-1f2e3d";
    private static final String ADMIN_KEY = "admin-key-9a8b7c";
    private static final String HASH = "4b2c8e5f0a1d3c6b9e7f2a4d8c1b5e3f7a9d2c4b6e8f0a1c3d5e7f9b2a4c6d8e";
    private static final String BOLT11 = LnbitsLightningNodeTest.invoice(BitcoinNetwork.MAINNET, 2100, HASH);

    private final MockWebServer lnbits = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        lnbits.start();
    }

    @AfterEach
    void stop() throws IOException {
        lnbits.shutdown();
    }

    private LnbitsLightningNode node(String adminKey) {
        return new LnbitsLightningNode(baseUrl(lnbits), INVOICE_KEY, adminKey, impatientClient(), new ObjectMapper(),
                null, BitcoinNetwork.MAINNET, Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC));
    }

    private LnbitsLightningNode node() {
        return node(ADMIN_KEY);
    }

    private void answer(int status, String body) {
        lnbits.enqueue(new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body));
    }

    /** LNbits' default reserve: max(2000 msat, 1 % of the amount). */
    private void answerFeeReserve(long msat) {
        answer(200, "{\"fee_reserve\": " + msat + "}");
    }

    /** The 201 of the pay call is LNbits' Payment model; amount and fee in msat, negative when leaving. */
    private void answerPaid(String status, long feeMsat) {
        answer(201, """
                {"checking_id": "%s", "payment_hash": "%s", "wallet_id": "c1a5e0", "amount": -2100000,
                 "fee": %d, "bolt11": "%s", "status": "%s", "memo": "refund", "preimage": null, "extra": {}}"""
                .formatted(HASH, HASH, feeMsat, BOLT11, status));
    }

    @Test
    void asks_the_fee_reserve_then_pays_once_with_the_admin_key() {
        answerFeeReserve(21_000);
        answerPaid("pending", -21_000);

        assertThat(node().payInvoice(BOLT11, 21)).isEqualTo(OutgoingPayment.inFlight());

        RecordedRequest reserve = takeRequest(lnbits);
        assertThat(reserve.getMethod()).isEqualTo("GET");
        assertThat(reserve.getRequestUrl().encodedPath()).isEqualTo("/api/v1/payments/fee-reserve");
        assertThat(reserve.getRequestUrl().queryParameter("invoice")).isEqualTo(BOLT11);
        RecordedRequest pay = takeRequest(lnbits);
        assertThat(pay.getMethod()).isEqualTo("POST");
        assertThat(pay.getPath()).isEqualTo("/api/v1/payments");
        assertThat(pay.getHeader("X-Api-Key")).isEqualTo(ADMIN_KEY);
        assertThat(bodyOf(pay)).isEqualTo(json("""
                {"out": true, "bolt11": "%s"}""".formatted(BOLT11)));
        assertThat(lnbits.getRequestCount()).isEqualTo(2);
    }

    @Test
    void pays_with_the_invoice_key_when_no_admin_key_is_configured() {
        answerFeeReserve(2000);
        answerPaid("pending", -2000);

        node(" ").payInvoice(BOLT11, 21);

        takeRequest(lnbits);
        assertThat(takeRequest(lnbits).getHeader("X-Api-Key")).isEqualTo(INVOICE_KEY);
    }

    @Test
    void reports_settled_with_its_fee_when_lnbits_answers_success() {
        answerFeeReserve(21_000);
        answerPaid("success", -1_500);

        assertThat(node().payInvoice(BOLT11, 21)).isEqualTo(OutgoingPayment.settled(2L));
    }

    @Test
    void does_not_pay_when_the_fee_reserve_exceeds_the_limit() {
        answerFeeReserve(22_000);

        OutgoingPayment outcome = node().payInvoice(BOLT11, 21);

        assertThat(outcome.state()).isEqualTo(State.FAILED);
        assertThat(outcome.reason()).startsWith("not sent").contains("22000 msat").contains("21 sats");
        assertThat(lnbits.getRequestCount()).isEqualTo(1);
    }

    @Test
    void reports_failure_only_when_lnbits_says_the_payment_failed() {
        answerFeeReserve(2000);
        answer(520, """
                {"detail": "Payment failed: no route found", "status": "failed"}""");

        OutgoingPayment outcome = node().payInvoice(BOLT11, 21);

        assertThat(outcome.state()).isEqualTo(State.FAILED);
        assertThat(outcome.reason()).contains("520").contains("no route found");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"detail\": \"Payment is still pending.\", \"status\": \"pending\"}",
            "{\"detail\": \"Payment failed: temporary channel failure\"}",
            "<html>Bad gateway</html>"})
    void a_520_without_a_failed_status_is_uncertain(String body) {
        answerFeeReserve(2000);
        answer(520, body);

        assertThatThrownBy(() -> node().payInvoice(BOLT11, 21)).isInstanceOf(LightningException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 422})
    void a_refused_key_or_route_while_paying_is_uncertain_not_failed(int status) {
        answerFeeReserve(2000);
        answer(status, """
                {"detail": "Invoice (or Admin) key required."}""");

        assertThatThrownBy(() -> node().payInvoice(BOLT11, 21))
                .isInstanceOfSatisfying(LightningException.class,
                        e -> assertThat(e.getMessage()).doesNotContain(ADMIN_KEY).doesNotContain(INVOICE_KEY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>login</html>", "{\"checking_id\": \"abc\"}", "[]",
            "{\"payment_hash\": \"abababababababababababababababababababababababababababababababab\"}"})
    void a_2xx_without_our_payment_hash_or_json_is_uncertain(String body) {
        answerFeeReserve(2000);
        answer(201, body);

        assertThatThrownBy(() -> node().payInvoice(BOLT11, 21)).isInstanceOf(LightningException.class);
    }

    @Test
    void a_connection_dropped_after_the_pay_was_sent_is_not_sent_again() {
        answerFeeReserve(2000);
        lnbits.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        answerPaid("success", 0);

        assertThatThrownBy(() -> node().payInvoice(BOLT11, 21))
                .isInstanceOfSatisfying(LightningException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThat(lnbits.getRequestCount()).isEqualTo(2);
    }

    @Test
    void checks_an_outgoing_payment_by_hash_with_the_paying_wallets_key() {
        answer(200, """
                {"paid": true, "preimage": "%s", "details": {"payment_hash": "%s", "amount": -2100000,
                 "fee": -1000, "status": "success"}}""".formatted("0f".repeat(32), HASH));

        assertThat(node().checkOutgoingPayment(HASH)).isEqualTo(OutgoingPayment.settled(1L));

        RecordedRequest request = takeRequest(lnbits);
        assertThat(request.getPath()).isEqualTo("/api/v1/payments/" + HASH);
        assertThat(request.getHeader("X-Api-Key")).isEqualTo(ADMIN_KEY);
    }

    @Test
    void reads_a_failed_outgoing_payment() {
        answer(200, """
                {"paid": false, "status": "failed", "details": {"payment_hash": "%s", "status": "failed"}}"""
                .formatted(HASH));

        assertThat(node().checkOutgoingPayment(HASH).state()).isEqualTo(State.FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"paid\": false, \"status\": \"pending\", \"preimage\": null, \"details\": {\"status\": \"pending\"}}",
            "{\"paid\": false}"})
    void reads_a_payment_lnbits_cannot_decide_yet_as_in_flight(String body) {
        answer(200, body);

        assertThat(node().checkOutgoingPayment(HASH)).isEqualTo(OutgoingPayment.inFlight());
    }

    @Test
    void reads_a_hash_lnbits_never_saw_as_unknown() {
        answer(404, """
                {"detail": "Payment does not exist."}""");

        assertThat(node().checkOutgoingPayment(HASH)).isEqualTo(OutgoingPayment.unknown());
    }

    @ParameterizedTest
    @ValueSource(strings = {"401", "403", "200:<html>login</html>", "200:{\"status\": \"failed\"}", "500"})
    void an_answer_that_says_nothing_certain_is_an_exception_never_a_failure(String reply) {
        String[] parts = reply.split(":", 2);
        answer(Integer.parseInt(parts[0]), parts.length > 1 ? parts[1] : "{\"detail\": \"Invalid key.\"}");

        assertThatThrownBy(() -> node().checkOutgoingPayment(HASH)).isInstanceOf(LightningException.class);
    }
}
