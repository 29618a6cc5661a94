package dev.lnjobs.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import dev.lnjobs.server.support.TestSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's list of what has not moved. Rows are written into the read models directly (no events), so that no
 * saga of the shared server acts on them, and removed after the test.
 */
class StuckEndpointTest extends ServerTest {

    private static final String TOKEN = TestSettings.all().get("lnjobs.admin.token");

    @Autowired
    private JdbcTemplate jdbc;

    private final List<String> rows = new ArrayList<>();

    @Test
    void lists_a_model_step_past_its_bound_and_an_unexpired_invoice_but_not_a_fresh_step() {
        Instant now = Instant.now();
        String longExecuting = job("EXECUTING", now.minus(Duration.ofHours(1)), null);
        String freshExecuting = job("EXECUTING", now.minus(Duration.ofMinutes(1)), null);
        String unexpired = job("AWAITING_EVAL_PAYMENT", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
        String payable = job("AWAITING_EVAL_PAYMENT", now, now.plus(Duration.ofMinutes(10)));
        try {
            ApiClient.Response answer = api().send(HttpRequest.newBuilder(URI.create(api().base() + "/api/admin/stuck"))
                    .header("Authorization", "Bearer " + TOKEN).GET());

            assertThat(answer.status()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            answer.body().path("items").forEach(item -> ids.add(item.path("id").asText()));
            assertThat(ids).contains(longExecuting, unexpired).doesNotContain(freshExecuting, payable);
            JsonNode first = answer.body().path("items").get(ids.indexOf(unexpired));
            assertThat(first.path("kind").asText()).isEqualTo("job");
            assertThat(first.path("state").asText()).isEqualTo("AWAITING_EVAL_PAYMENT");
            assertThat(answer.body().path("count").asInt()).isEqualTo(ids.size());
        } finally {
            rows.forEach(id -> jdbc.update("DELETE FROM job_view WHERE job_id = ?", id));
        }
    }

    @Test
    void needs_the_admin_token() {
        assertThat(api().get("/api/admin/stuck").status()).isEqualTo(401);
    }

    private String job(String state, Instant updatedAt, Instant evalExpiresAt) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO job_view (job_id, state, request, created_at, updated_at, version, eval_expires_at) "
                        + "VALUES (?, ?, 'stuck test', ?, ?, 0, ?)", id, state, Timestamp.from(updatedAt),
                Timestamp.from(updatedAt), evalExpiresAt == null ? null : Timestamp.from(evalExpiresAt));
        rows.add(id);
        return id;
    }
}
