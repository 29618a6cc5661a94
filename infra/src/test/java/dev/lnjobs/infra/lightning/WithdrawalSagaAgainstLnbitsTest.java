package dev.lnjobs.infra.lightning;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.api.session.SessionCommands.RecordWithdrawalFailed;
import dev.lnjobs.api.session.SessionCommands.RecordWithdrawalPaid;
import dev.lnjobs.api.session.SessionEvents.WithdrawalRequested;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.sagas.session.SessionFlowSettings;
import dev.lnjobs.sagas.session.WithdrawalSaga;
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
 * The withdrawal saga driving the real LNbits client against recorded LNbits answers, as the refund saga's test
 * does: exactly one payment is sent, paid only on a settled report (with the fee LNbits reported), failed only on a
 * failed one, and a fee reserve above the withdrawal's own reserve sends nothing.
 */
class WithdrawalSagaAgainstLnbitsTest {

    private static final String SESSION = "0b7f3c1e-5d2a-4e8b-9c6f-1a2b3c4d5e6f";
    private static final String WITHDRAWAL = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";
    private static final String HASH = "5c3d9f6a1b2e4d7c0f8a3b5e9d2c6f1a8b0e3d5c7f9a2b4d6e8f0a1c3e5d7f9b";
    private static final String BOLT11 = LnbitsLightningNodeTest.invoice(BitcoinNetwork.MAINNET, 495, HASH);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final WithdrawalRequested REQUESTED = new WithdrawalRequested(SESSION, WITHDRAWAL, "invoice",
            BOLT11, HASH, 500, 495, 5, 0, NOW);

    private static final Reply UNKNOWN = new Reply(404, "{\"detail\": \"Payment does not exist.\"}");
    private static final Reply PENDING = new Reply(200, """
            {"paid": false, "status": "pending", "preimage": null,
             "details": {"payment_hash": "%s", "amount": -495000, "fee": -2000, "status": "pending"}}"""
            .formatted(HASH));
    private static final Reply SETTLED = new Reply(200, """
            {"paid": true, "preimage": "%s",
             "details": {"payment_hash": "%s", "amount": -495000, "fee": -1000, "status": "success"}}"""
            .formatted("0f".repeat(32), HASH));
    private static final Reply FAILED = new Reply(200, """
            {"paid": false, "status": "failed", "details": {"payment_hash": "%s", "status": "failed"}}"""
            .formatted(HASH));
    private static final Reply UNAUTHORIZED = new Reply(401, "{\"detail\": \"Invalid key.\"}");
    private static final Reply TAKEN = new Reply(201, """
            {"checking_id": "%s", "payment_hash": "%s", "wallet_id": "c1a5e0", "amount": -495000, "fee": -2000,
             "bolt11": "%s", "status": "pending", "memo": "withdrawal", "extra": {}}""".formatted(HASH, HASH, BOLT11));

    private final MockWebServer lnbits = new MockWebServer();
    private final FakeLnbits answers = new FakeLnbits();
    private SagaTestFixture<WithdrawalSaga> fixture;

    @BeforeEach
    void start() throws IOException {
        lnbits.setDispatcher(answers);
        lnbits.start();
        fixture = new SagaTestFixture<>(WithdrawalSaga.class);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        fixture.registerResource(new LnbitsLightningNode(baseUrl(lnbits), "invoice-key", "admin-key",
                impatientClient(), new ObjectMapper(), null, BitcoinNetwork.MAINNET, clock));
        fixture.registerResource(new SessionFlowSettings(Duration.ofHours(1), 3, Duration.ofSeconds(1)));
        fixture.registerResource(clock);
    }

    @AfterEach
    void stop() throws IOException {
        lnbits.shutdown();
    }

    @Test
    void accepted_then_settled_is_paid_with_the_fee_lnbits_reported() {
        answers.checks(UNKNOWN, PENDING, SETTLED).pay(TAKEN);

        afterFiveHours().expectDispatchedCommands(new RecordWithdrawalPaid(SESSION, WITHDRAWAL, HASH, 1L, NOW));
        assertThat(answers.pays).hasValue(1);
    }

    @Test
    void accepted_then_failed_is_failed_so_the_escrow_goes_back() {
        answers.checks(UNKNOWN, PENDING, FAILED).pay(TAKEN);

        afterFiveHours().expectDispatchedCommands(
                new RecordWithdrawalFailed(SESSION, WITHDRAWAL, HASH, "LNbits reports the payment failed"));
        assertThat(answers.pays).hasValue(1);
    }

    @Test
    void pending_for_hours_stays_pending_and_is_rechecked() {
        answers.checks(UNKNOWN, PENDING).pay(TAKEN);

        afterFiveHours().expectNoDispatchedCommands().expectActiveSagas(1);
        assertThat(answers.pays).hasValue(1);
        assertThat(answers.checks).hasValueGreaterThan(30);
    }

    @Test
    void a_malformed_2xx_to_the_pay_call_is_followed_by_hash_not_failed() {
        answers.checks(UNKNOWN, PENDING, SETTLED).pay(new Reply(201, "<html>Welcome to LNbits</html>"));

        afterFiveHours().expectDispatchedCommands(new RecordWithdrawalPaid(SESSION, WITHDRAWAL, HASH, 1L, NOW));
        assertThat(answers.pays).hasValue(1);
    }

    @Test
    void a_fee_reserve_above_the_withdrawals_own_sends_nothing_and_fails() {
        // a 401 first: the fixture counts only what is dispatched after the request, so the pay comes at a recheck
        answers.checks(UNAUTHORIZED, UNKNOWN).pay(TAKEN).feeReserveMsat(6000);

        afterFiveHours().expectDispatchedCommands(new RecordWithdrawalFailed(SESSION, WITHDRAWAL, HASH,
                "not sent: LNbits lets routing cost up to 6000 msat, more than the limit of 5 sats"));
        assertThat(answers.pays).hasValue(0);
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
        private long feeReserveMsat = 2000;
        final AtomicInteger pays = new AtomicInteger();
        final AtomicInteger checks = new AtomicInteger();

        FakeLnbits checks(Reply... replies) {
            checkAnswers.addAll(List.of(replies));
            return this;
        }

        FakeLnbits feeReserveMsat(long msat) {
            feeReserveMsat = msat;
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
                reply = new Reply(200, "{\"fee_reserve\": " + feeReserveMsat + "}");
            } else {
                checks.incrementAndGet();
                reply = checkAnswers.size() > 1 ? checkAnswers.poll() : checkAnswers.peek();
            }
            return new MockResponse().setResponseCode(reply.status()).setHeader("Content-Type", "application/json")
                    .setBody(reply.body());
        }
    }
}
