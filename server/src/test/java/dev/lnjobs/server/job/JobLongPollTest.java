package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.StubLightningNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A job read answers an ETag; with If-None-Match and Prefer: wait it is held until the job changes. */
class JobLongPollTest extends ServerTest {

    @Autowired
    private StubLightningNode stubNode;

    @Test
    void a_read_names_its_state_with_an_etag_and_answers_304_for_it() {
        ApiClient api = api();
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Count to three\"}").body();
        String jobId = created.path("jobId").asText();

        ApiClient.Response first = api.get("/api/jobs/" + jobId);
        String etag = first.header("ETag");
        assertThat(etag).matches("\"\\d+\"");

        ApiClient.Response again = get(api, jobId, etag, null);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.header("ETag")).isEqualTo(etag);
        assertThat(again.raw().body()).isEmpty();
        assertThat(get(api, jobId, "W/" + etag, null).status()).as("weak comparison").isEqualTo(304);
        assertThat(get(api, jobId, "\"0\"", null).status()).as("an older state").isEqualTo(200);
    }

    /** A new job, unpaid, and the ETag a read of it answers. */
    private record Unpaid(String jobId, String evalHash, String etag) {
    }

    private Unpaid unpaidJob(ApiClient api) {
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Count to three\"}").body();
        String jobId = created.path("jobId").asText();
        return new Unpaid(jobId, created.path("evalInvoice").path("paymentHash").asText(),
                api.get("/api/jobs/" + jobId).header("ETag"));
    }

    /** Starts a waiting read of the job and returns once the server holds it rather than answering. */
    private static CompletableFuture<ApiClient.Response> heldRead(ApiClient api, Unpaid job) {
        CompletableFuture<ApiClient.Response> waiting = CompletableFuture.supplyAsync(
                () -> get(api, job.jobId(), job.etag(), "wait=20"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        return waiting;
    }

    @Test
    void a_waiting_read_answers_as_soon_as_a_payment_changes_the_job() throws Exception {
        ApiClient api = api();
        Unpaid job = unpaidJob(api);
        CompletableFuture<ApiClient.Response> waiting = heldRead(api, job);

        long paidAt = System.nanoTime();
        api.post("/api/dev/stub/pay/" + job.evalHash());
        ApiClient.Response changed = waiting.get(20, TimeUnit.SECONDS);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - paidAt)).isLessThan(Duration.ofSeconds(10));
        assertThat(changed.body().path("state").asText()).isNotEqualTo("awaiting_eval_payment");
        assertThat(changed.header("ETag")).isNotEqualTo(job.etag());
        assertThat(changed.header("Preference-Applied")).isEqualTo("wait=20");
    }

    @Test
    void a_waiting_read_answers_when_the_node_reports_a_payment_nobody_announced() throws Exception {
        ApiClient api = api();
        Unpaid job = unpaidJob(api);
        CompletableFuture<ApiClient.Response> waiting = heldRead(api, job);

        // paid at the node only: no stub pay call, no webhook; the watcher asks the node (a read never does)
        assertThat(stubNode.markPaid(job.evalHash())).isTrue();
        ApiClient.Response changed = waiting.get(20, TimeUnit.SECONDS);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("evalInvoice").path("paid").asBoolean()).isTrue();
    }

    @Test
    void a_waiting_read_of_a_job_that_does_not_change_answers_304_when_the_wait_ends() {
        ApiClient api = api();
        Unpaid job = unpaidJob(api);

        long start = System.nanoTime();
        ApiClient.Response unchanged = get(api, job.jobId(), job.etag(), "wait=1");

        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(unchanged.header("ETag")).isEqualTo(job.etag());
        assertThat(unchanged.header("Preference-Applied")).isEqualTo("wait=1");
    }

    @Test
    void a_wait_without_an_etag_or_for_an_older_state_answers_at_once() {
        ApiClient api = api();
        String jobId = api.postJson("/api/jobs", "{\"request\": \"Count to three\"}").body().path("jobId").asText();

        ApiClient.Response noTag = get(api, jobId, null, "wait=20");
        ApiClient.Response older = get(api, jobId, "\"0\"", "wait=20");

        assertThat(noTag.status()).isEqualTo(200);
        assertThat(older.status()).isEqualTo(200);
        assertThat(older.body().path("jobId").asText()).isEqualTo(jobId);
    }

    @Test
    void a_wait_for_an_unknown_job_is_a_404_problem() {
        ApiClient.Response response = get(api(), "00000000-0000-4000-8000-000000000000", "\"1\"", "wait=5");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private static ApiClient.Response get(ApiClient api, String jobId, String ifNoneMatch, String prefer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + "/api/jobs/" + jobId)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return api.send(request);
    }
}
