package dev.lnjobs.infra.lightning;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.api.job.JobCommands.RecordRefundFailed;
import dev.lnjobs.api.job.JobCommands.RecordRefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.sagas.job.JobFlowSettings;
import dev.lnjobs.sagas.job.RefundFeeLimit;
import dev.lnjobs.sagas.job.RefundSaga;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.axonframework.test.saga.FixtureExecutionResult;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.lnjobs.infra.http.WireTestSupport.baseUrl;
import static dev.lnjobs.infra.http.WireTestSupport.impatientClient;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refund saga driving the real LNbits client against recorded LNbits answers: in every case exactly one
 * payment is sent, and the refund ends paid only on a settled report and failed only on a failed one.
 */
class RefundSagaAgainstLnbitsTest {

    private static final String JOB = "6f1c2b8e-0d3a-4c1e-9a57-2f0e5d8c7b11";
    private static final String HASH = "4b2c8e5f0a1d3c6b9e7f2a4d8c1b5e3f7a9d2c4b6e8f0a1c3d5e7f9b2a4c6d8e";
    private static final String BOLT11 = LnbitsLightningNodeTest.invoice(BitcoinNetwork.MAINNET, 3, HASH);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final RefundRequested REQUESTED = new RefundRequested(JOB, BOLT11, HASH, 3, NOW);

    private static final Reply UNKNOWN = new Reply(404, "{\"detail\": \"Payment does not exist.\"}");
    private static final Reply PENDING = new Reply(200, """
            {"paid": false, "status": "pending", "preimage": null,
             "details": {"payment_hash": "%s", "amount": -3000, "fee": -2000, "status": "pending"}}"""
            .formatted(HASH));
    private static final Reply SETTLED = new Reply(200, """
            {"paid": true, "preimage": "%s",
             "details": {"payment_hash": "%s", "amount": -3000, "fee": -1000, "status": "success"}}"""
            .formatted("0f".repeat(32), HASH));
    private static final Reply FAILED = new Reply(200, """
            {"paid": false, "status": "failed", "details": {"payment_hash": "%s", "status": "failed"}}"""
            .formatted(HASH));
    private static final Reply UNAUTHORIZED = new Reply(401, "{\"detail\": \"Invalid key.\"}");
    private static final Reply TAKEN = new Reply(201, """
            {"checking_id": "%s", "payment_hash": "%s", "wallet_id": "c1a5e0", "amount": -3000, "fee": -2000,
             "bolt11": "%s", "status": "pending", "memo": "refund", "extra": {}}""".formatted(HASH, HASH, BOLT11));

    private final MockWebServer lnbits = new MockWebServer();
    private final FakeLnbits answers = new FakeLnbits();
    private SagaTestFixture<RefundSaga> fixture;

    @BeforeEach
    void start() throws IOException {
        lnbits.setDispatcher(answers);
        lnbits.start();
        fixture = new SagaTestFixture<>(RefundSaga.class);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        fixture.registerResource(new LnbitsLightningNode(baseUrl(lnbits), "invoice-key", "admin-key",
                impatientClient(), new ObjectMapper(), null, BitcoinNetwork.MAINNET, clock));
        fixture.registerResource(new JobFlowSettings(Duration.ofHours(1), 3, Duration.ofSeconds(1)));
        fixture.registerResource(new RefundFeeLimit(BigDecimal.ONE, 2));
        fixture.registerResource(clock);
    }

    @AfterEach
    void stop() throws IOException {
        lnbits.shutdown();
    }

    @Test
    void accepted_then_settled_is_paid() {
        answers.checks(UNKNOWN, PENDING, SETTLED).pay(TAKEN);

        afterFiveHours().expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        assertThat(answers.pays).hasValue(1);
    }

    @Test
    void accepted_then_failed_is_failed_so_it_may_be_claimed_again() {
        answers.checks(UNKNOWN, PENDING, FAILED).pay(TAKEN);

        afterFiveHours().expectDispatchedCommands(
                new RecordRefundFailed(JOB, HASH, "LNbits reports the payment failed"));
        assertThat(answers.pays).hasValue(1);
    }

    @Test
    void pending_for_hours_stays_pending() {
        answers.checks(UNKNOWN, PENDING).pay(TAKEN);

        afterFiveHours().expectNoDispatchedCommands().expectActiveSagas(1);
        assertThat(answers.pays).hasValue(1);
        // rechecked all along, backing off to every 10 minutes, not given up
        assertThat(answers.checks).hasValueGreaterThan(30);
    }

    @Test
    void a_401_mid_flight_is_no_failure() {
        answers.checks(UNKNOWN, UNAUTHORIZED, UNAUTHORIZED, SETTLED).pay(TAKEN);

        afterFiveHours().expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        assertThat(answers.pays).hasValue(1);
    }

    @Test
    void a_malformed_2xx_to_the_pay_call_is_followed_by_hash_not_failed() {
        answers.checks(UNKNOWN, PENDING, SETTLED).pay(new Reply(201, "<html>Welcome to LNbits</html>"));

        afterFiveHours().expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        assertThat(answers.pays).hasValue(1);
    }

    @Test
    void a_2xx_without_payment_hash_is_followed_by_hash_not_failed() {
        answers.checks(UNKNOWN, PENDING, FAILED).pay(new Reply(201, "{\"checking_id\": \"internal_1\"}"));

        afterFiveHours().expectDispatchedCommands(
                new RecordRefundFailed(JOB, HASH, "LNbits reports the payment failed"));
        assertThat(answers.pays).hasValue(1);
    }

    /** The request, then five hours in which every recheck deadline fires as it falls due. */
    private FixtureExecutionResult afterFiveHours() {
        return fixture.givenAPublished(REQUESTED).whenTimeElapses(Duration.ofHours(5));
    }

    private record Reply(int status, String body) {
    }

    /** LNbits' payment routes: a fixed fee reserve, one scripted pay answer, the checks in turn (the last repeats). */
    private static final class FakeLnbits extends Dispatcher {
        private final Deque<Reply> checkAnswers = new ArrayDeque<>();
        private Reply payAnswer;
        final AtomicInteger pays = new AtomicInteger();
        final AtomicInteger checks = new AtomicInteger();

        FakeLnbits checks(Reply... replies) {
            checkAnswers.addAll(List.of(replies));
            return this;
        }

        FakeLnbits pay(Reply reply) {
            payAnswer = reply;
            return this;
        }

        @Override
        public synchronized MockResponse dispatch(RecordedRequest request) {
            String path = request.getRequestUrl().encodedPath();
            Reply reply;
            if ("POST".equals(request.getMethod())) {
                pays.incrementAndGet();
                reply = payAnswer;
            } else if (path.endsWith("/fee-reserve")) {
                reply = new Reply(200, "{\"fee_reserve\": 2000}");
            } else {
                checks.incrementAndGet();
                reply = checkAnswers.size() > 1 ? checkAnswers.poll() : checkAnswers.peek();
            }
            return new MockResponse().setResponseCode(reply.status()).setHeader("Content-Type", "application/json")
                    .setBody(reply.body());
        }
    }
}
