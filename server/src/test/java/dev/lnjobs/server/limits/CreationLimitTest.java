package dev.lnjobs.server.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Creations per client address and hour, counted in PostgreSQL; each test is a client of its own. */
class CreationLimitTest extends LimitedServerTest {

    @Autowired
    private JdbcTemplate jdbc;

    private static final String JOB = "{\"request\": \"Write a haiku about lightning payments\"}";

    @Test
    void a_client_over_its_job_limit_gets_429_problem_with_retry_after_and_others_go_on() {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/jobs", JOB, "198.51.100.1").status()).isIn(201, 202);
        }

        ApiClient.Response limited = post("/api/jobs", JOB, "198.51.100.1");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.body().path("status").asInt()).isEqualTo(429);
        assertThat(limited.body().path("detail").asText()).contains("3 job creations per hour");
        // 3 an hour come back one every 20 minutes
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1100L, 1200L);
        assertThat(post("/api/jobs", JOB, "198.51.100.2").status()).isIn(201, 202);
    }

    @Test
    void a_request_refused_as_bad_input_creates_nothing_and_is_not_counted() {
        for (int i = 0; i < 5; i++) {
            assertThat(post("/api/jobs", "{\"request\": \"\"}", "198.51.100.3").status()).isEqualTo(400);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/jobs", JOB, "198.51.100.3").status()).isIn(201, 202);
        }
        assertThat(post("/api/jobs", JOB, "198.51.100.3").status()).isEqualTo(429);
    }

    /** The creation makes its evaluation invoice itself: only once every check passed, never for a refusal. */
    @Test
    void a_refused_job_creation_makes_no_invoice_at_the_node() {
        String client = "198.51.100.5";
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/jobs", JOB, client).status()).isEqualTo(201);
        }
        long invoices = evalInvoicesAtTheNode();

        assertThat(post("/api/jobs", JOB, client).status()).isEqualTo(429);
        assertThat(post("/api/jobs", "{\"request\": \" \"}", "198.51.100.6").status()).isEqualTo(400);
        assertThat(post("/api/jobs", "{\"request\": \"x\", \"refundAddress\": \"not an address\"}",
                "198.51.100.6").status()).isEqualTo(400);

        assertThat(evalInvoicesAtTheNode()).isEqualTo(invoices);
    }

    private long evalInvoicesAtTheNode() {
        return jdbc.queryForObject("SELECT count(*) FROM stub_invoice WHERE direction = 'in' AND amount_sats = 10",
                Long.class);
    }

    @Test
    void sessions_and_bootstraps_have_limits_of_their_own() {
        String client = "198.51.100.4";
        for (int i = 0; i < 2; i++) {
            assertThat(post("/api/sessions", "{\"amount_sats\": 500}", client).status()).isIn(201, 202);
        }
        ApiClient.Response session = post("/api/sessions", "{\"amount_sats\": 500}", client);
        assertThat(session.status()).isEqualTo(429);
        assertThat(session.body().path("detail").asText()).contains("2 sessions per hour");

        assertThat(post("/api/bootstrap", null, client).status()).isIn(201, 202);
        ApiClient.Response bootstrap = post("/api/bootstrap", null, client);
        assertThat(bootstrap.status()).isEqualTo(429);
        assertThat(bootstrap.body().path("detail").asText()).contains("1 node bootstraps per hour");
        assertThat(Long.parseLong(bootstrap.header("Retry-After"))).isBetween(3500L, 3600L);

        assertThat(post("/api/jobs", JOB, client).status()).isIn(201, 202);
    }

    @Test
    void ipv6_clients_in_one_64_share_a_limit() {
        for (String address : new String[]{"2001:db8:5:5::1", "2001:db8:5:5::2", "2001:db8:5:5:ffff::3"}) {
            assertThat(post("/api/jobs", JOB, address).status()).isIn(201, 202);
        }
        assertThat(post("/api/jobs", JOB, "2001:db8:5:5::4").status()).isEqualTo(429);
        assertThat(post("/api/jobs", JOB, "2001:db8:5:6::1").status()).isIn(201, 202);
    }

    @Test
    void the_demo_has_a_limit_per_client_and_one_for_all_clients() {
        assertThat(demo("192.0.2.1").status()).isEqualTo(200);
        assertThat(demo("192.0.2.1").status()).isEqualTo(200);
        ApiClient.Response perClient = demo("192.0.2.1");
        assertThat(perClient.status()).isEqualTo(429);
        assertThat(perClient.body().path("detail").asText()).contains("2 free demo requests per hour");

        assertThat(demo("192.0.2.2").status()).isEqualTo(200);
        ApiClient.Response total = demo("192.0.2.2");
        assertThat(total.status()).isEqualTo(429);
        assertThat(total.contentType()).startsWith("application/problem+json");
        assertThat(total.body().path("detail").asText()).contains("3 requests per hour from all clients");
        assertThat(Long.parseLong(total.header("Retry-After"))).isBetween(1L, 1200L);
        assertThat(demo("192.0.2.3").status()).isEqualTo(429);
    }

    @Test
    void the_openapi_document_declares_the_429_on_every_limited_route() {
        JsonNode paths = api().get("/api/openapi.json").body().path("paths");
        assertThat(paths.at("/~1api~1jobs/post/responses/429/headers/Retry-After").isMissingNode()).isFalse();
        assertThat(paths.at("/~1api~1sessions/post/responses/429").isMissingNode()).isFalse();
        assertThat(paths.at("/~1api~1bootstrap/post/responses/429").isMissingNode()).isFalse();
        assertThat(paths.at("/~1api~1demo/get/responses/429").isMissingNode()).isFalse();
    }

    private ApiClient.Response post(String path, String json, String client) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api().base() + path))
                .header("X-Forwarded-For", client);
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return api().send(request);
    }

    private ApiClient.Response demo(String client) {
        return api().send(HttpRequest.newBuilder(URI.create(api().base() + "/api/demo?request=What+is+a+sat"))
                .header("X-Forwarded-For", client).GET());
    }
}
