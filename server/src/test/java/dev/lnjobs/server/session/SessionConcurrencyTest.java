package dev.lnjobs.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No overdraft under concurrency. Each request reserves 131 sats and costs 126 (see SessionWalkthroughTest), so a
 * 500-sat balance funds exactly three, whatever the interleaving: before any further reservation, three requests
 * either hold 3 × 131 or have spent up to 3 × 126, leaving less than 131 free.
 */
class SessionConcurrencyTest extends ServerTest {

    private static final int PARALLEL = 20;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void twenty_parallel_requests_on_a_small_balance_never_overdraw_it() throws Exception {
        SessionClient sessions = new SessionClient(api(), port);
        String sessionId = sessions.openAndPay(500);
        String macaroon = sessions.macaroon(sessionId);

        List<ApiClient.Response> responses = fireTogether(() -> sessions.request(sessionId, macaroon,
                "What is a satoshi?"));

        List<JsonNode> completed = responses.stream().filter(r -> r.status() == 200).map(ApiClient.Response::body)
                .toList();
        List<JsonNode> refused = responses.stream().filter(r -> r.status() == 402).map(ApiClient.Response::body)
                .toList();
        assertThat(completed.size() + refused.size()).as("every request answered 200 or 402").isEqualTo(PARALLEL);
        assertThat(completed).hasSize(3);
        assertThat(completed).allSatisfy(done -> {
            assertThat(done.path("state").asText()).isEqualTo("complete");
            assertThat(done.path("debitedSats").asLong()).isEqualTo(126);
            assertThat(done.path("balanceRemaining").asLong()).isNotNegative();
        });
        // Settlements are serialised on the session, so each sees the balance after the ones before it.
        assertThat(completed.stream().map(done -> done.path("balanceRemaining").asLong()))
                .containsExactlyInAnyOrder(374L, 248L, 122L);
        long debited = completed.stream().mapToLong(done -> done.path("debitedSats").asLong()).sum();
        assertThat(debited).isEqualTo(378).isLessThanOrEqualTo(500);
        assertThat(refused).allSatisfy(problem -> {
            assertThat(problem.path("topup").asText()).isEqualTo("/api/sessions/" + sessionId + "/topup");
            assertThat(problem.path("requiredSats").asLong()).isEqualTo(131);
            assertThat(problem.path("balanceSats").asLong() - problem.path("reservedSats").asLong())
                    .isLessThan(131);
        });

        JsonNode session = sessions.get(sessionId).body();
        assertThat(session.path("balanceSats").asLong()).isEqualTo(500 - debited);
        assertThat(session.path("reservedSats").asLong()).isZero();
        assertThat(session.path("debitedTotalSats").asLong()).isEqualTo(debited);
        assertThat(session.path("requestCount").asInt()).isEqualTo(3);
        assertThat(session.path("state").asText()).isEqualTo("active");
        Long ledger = jdbc.queryForObject("SELECT coalesce(sum(debited_sats), 0) FROM session_requests "
                + "WHERE session_id = ?", Long.class, sessionId);
        assertThat(ledger).isEqualTo(debited);
    }

    private interface Call {
        ApiClient.Response run();
    }

    /** Starts every call at once, behind a latch, and collects the answers. */
    private static List<ApiClient.Response> fireTogether(Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.run();
                }));
            }
            start.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> future : futures) {
                responses.add(future.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
