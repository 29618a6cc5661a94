package dev.lnjobs.server.web;

import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Client mistakes get a 4xx problem document that says what is wrong; never a 500, never a stack trace. */
class BadInputTest extends ServerTest {

    private void assertProblem(ApiClient.Response response, int status, String detailFragment) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.body().path("detail").asText()).containsIgnoringCase(detailFragment);
        assertThat(response.raw().body()).doesNotContain("Exception").doesNotContain("at dev.lnjobs");
    }

    @Test
    void an_empty_request_is_refused() {
        assertProblem(api().postJson("/api/jobs", "{\"request\": \"  \"}"), 400, "non-empty");
    }

    @Test
    void a_missing_request_field_is_refused() {
        assertProblem(api().postJson("/api/jobs", "{}"), 400, "non-empty");
    }

    @Test
    void an_oversized_request_is_refused_with_the_limit() {
        assertProblem(api().postJson("/api/jobs", "{\"request\": \"" + "a".repeat(8001) + "\"}"), 400,
                "at most 8000");
    }

    @Test
    void a_request_with_a_nul_character_is_refused() {
        assertProblem(api().postJson("/api/jobs", "{\"request\": \"a\\u0000b\"}"), 400, "NUL");
    }

    @Test
    void malformed_json_is_refused() {
        assertProblem(api().postJson("/api/jobs", "{\"request\": "), 400, "not JSON");
    }

    @Test
    void a_request_of_the_wrong_type_is_refused() {
        assertProblem(api().postJson("/api/jobs", "{\"request\": {\"nested\": [1, 2]}}"), 400, "not JSON");
    }

    @Test
    void a_number_or_boolean_is_not_taken_as_the_request_text() {
        for (String value : new String[]{"123", "12.5", "true"}) {
            ApiClient.Response response = api().postJson("/api/jobs", "{\"request\": " + value + "}");
            assertProblem(response, 400, "field 'request' must be a string");
            assertThat(response.body().path("field").asText()).isEqualTo("request");
        }
    }

    @Test
    void a_fraction_or_a_quoted_number_is_not_taken_as_an_amount() {
        for (String value : new String[]{"500.9", "500.0", "\"500\"", "true"}) {
            ApiClient.Response response = api().postJson("/api/sessions", "{\"amount_sats\": " + value + "}");
            assertProblem(response, 400, "field 'amount_sats' must be a whole number");
            assertThat(response.body().path("field").asText()).isEqualTo("amount_sats");
        }
    }

    @Test
    void a_wrong_content_type_is_refused() {
        ApiClient.Response response = api().post("/api/jobs", "text/plain", "Write a haiku");
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_body_over_the_size_limit_is_refused_before_it_is_read() {
        ApiClient.Response response = api().postJson("/api/jobs", "{\"request\": \"" + "a".repeat(70_000) + "\"}");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void an_unknown_job_is_not_found() {
        assertProblem(api().get("/api/jobs/0b5b7c4e-8f0e-4a43-9d5d-4c4b0c1f2e3a"), 404, "no job");
    }

    @Test
    void a_job_id_that_is_not_a_uuid_is_refused() {
        assertProblem(api().get("/api/jobs/not-a-uuid"), 400, "job id must be a UUID");
    }

    @Test
    void a_bad_payment_hash_is_refused() {
        assertProblem(api().post("/api/dev/stub/pay/xyz"), 400, "64 hex");
        assertProblem(api().postJson("/api/lightning/webhook", "{\"payment_hash\": \"12\"}"), 400, "64 hex");
    }

    @Test
    void paying_an_unknown_stub_invoice_is_not_found() {
        assertProblem(api().post("/api/dev/stub/pay/" + "e".repeat(64)), 404, "no stub invoice");
    }

    @Test
    void a_demo_without_a_request_is_refused() {
        assertProblem(api().get("/api/demo"), 400, "non-empty");
    }

    @Test
    void an_unknown_route_is_a_problem_404() {
        ApiClient.Response response = api().get("/api/nothing-here");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_wrong_method_is_405() {
        ApiClient.Response response = api().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/jobs")).DELETE());
        assertThat(response.status()).isEqualTo(405);
    }
}
