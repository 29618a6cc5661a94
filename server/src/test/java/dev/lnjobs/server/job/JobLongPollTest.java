package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.StubLightningNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.Dispatches;
import dev.lnjobs.server.support.ServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job read answers an ETag; with If-None-Match and Prefer: wait it is held until the job changes. The server
 * publishes no ServletRequestHandledEvent in production (nothing listens to it); here it does, to count dispatches.
 */
@TestPropertySource(properties = "spring.mvc.publish-request-handled-events=true")
class JobLongPollTest extends ServerTest {

    @Autowired
    private StubLightningNode stubNode;

    @Autowired
    private ConfigurableApplicationContext context;

    @Autowired
    private MeterRegistry meters;

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
        return heldRead(api, job, null);
    }

    private static CompletableFuture<ApiClient.Response> heldRead(ApiClient api, Unpaid job, String accept) {
        CompletableFuture<ApiClient.Response> waiting = CompletableFuture.supplyAsync(
                () -> get(api, job.jobId(), job.etag(), "wait=20", accept));
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

    /**
     * The answer is written by the thread that sees the change, not by a second (ASYNC) pass of the request through
     * the DispatcherServlet. A long poll that takes JSON does not pass through it at all (JobReadFilter answers it:
     * no ServletRequestHandledEvent); one whose Accept the filter leaves to Spring MVC passes once, where a
     * re-dispatch publishes two. It is the answer a plain read gives of the same state: the same JSON bytes, content
     * type and headers.
     */
    @Test
    void a_long_poll_is_handled_in_one_dispatch_at_most_and_answers_what_a_plain_read_does() throws Exception {
        ApiClient api = api();
        List<ApiClient.Response> viaMvc = new ArrayList<>();
        assertThat(dispatchesOfALongPoll(api, unpaidJob(api), "application/*", viaMvc)).hasSize(1);
        assertThat(viaMvc.get(0).status()).isEqualTo(200);
        List<ApiClient.Response> answered = new ArrayList<>();
        assertThat(dispatchesOfALongPoll(api, unpaidJob(api), null, answered)).isEmpty();
        ApiClient.Response changed = answered.get(0);
        String jobId = changed.body().path("jobId").asText();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("Preference-Applied")).isEqualTo("wait=20");

        ApiClient.Response last = changed; // follow the job to a state that holds, so a plain read can be compared
        for (int i = 0; i < 10; i++) {
            ApiClient.Response next = get(api, jobId, last.header("ETag"), "wait=1");
            if (next.status() == 304) {
                break;
            }
            last = next;
        }
        ApiClient.Response plain = get(api, jobId, null, null, "application/*"); // Spring MVC's answer
        assertThat(plain.header("ETag")).isEqualTo(last.header("ETag"));
        assertThat(last.raw().body()).isEqualTo(plain.raw().body());
        assertThat(last.contentType()).isEqualTo(plain.contentType()).isEqualTo("application/json");
        Set<String> expected = Dispatches.headerNamesButFraming(plain);
        expected.add("preference-applied");
        assertThat(Dispatches.headerNamesButFraming(changed)).as("the headers the filters and Spring MVC set, and ours")
                .isEqualTo(expected);
        assertThat(changed.header("Content-Length")).as("written whole: its length is known")
                .isEqualTo(Integer.toString(changed.raw().body().getBytes(StandardCharsets.UTF_8).length));
    }

    /** The DispatcherServlet's passes of a long poll of the job, answered once its payment changed the job. */
    private List<String> dispatchesOfALongPoll(ApiClient api, Unpaid job, String accept,
                                               List<ApiClient.Response> answers) throws Exception {
        try (Dispatches dispatches = new Dispatches(context, "/api/jobs/" + job.jobId())) {
            CompletableFuture<ApiClient.Response> waiting = heldRead(api, job, accept);
            api.post("/api/dev/stub/pay/" + job.evalHash());
            answers.add(waiting.get(20, TimeUnit.SECONDS));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                    .until(() -> dispatches.count() <= 1);
            return dispatches.passes();
        }
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

        double observed = notModifiedReads();
        long start = System.nanoTime();
        ApiClient.Response unchanged = get(api, job.jobId(), job.etag(), "wait=1");

        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.raw().body()).isEmpty();
        assertThat(unchanged.contentType()).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(unchanged.header("ETag")).isEqualTo(job.etag());
        assertThat(unchanged.header("Preference-Applied")).isEqualTo("wait=1");
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(notModifiedReads())
                .as("the request observation stopped with the answer").isEqualTo(observed + 1));
    }

    /** How many job reads http.server.requests has recorded as 304. */
    private double notModifiedReads() {
        return meters.find("http.server.requests").tags("uri", "/api/jobs/{jobId}", "status", "304").timers()
                .stream().mapToDouble(Timer::count).sum();
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
        return get(api, jobId, ifNoneMatch, prefer, null);
    }

    private static ApiClient.Response get(ApiClient api, String jobId, String ifNoneMatch, String prefer,
                                          String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + "/api/jobs/" + jobId)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return api.send(request);
    }
}
