package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read that says {@code complete} carries its settlement: the state and the cost ledger change in the transaction
 * that records it, so a client that stops at the first complete read shows the right bill; and its ETag stays the
 * same while the answer does, so a long poll on it waits instead of answering the same state again.
 */
class SettledReadTest extends ServerTest {

    private static final int JOBS = 10;

    @Test
    void the_first_read_that_says_complete_already_carries_the_settlement() {
        ApiClient api = api();
        for (int i = 0; i < JOBS; i++) {
            String jobId = paidJob(api, "Write haiku number " + i);

            JsonNode firstComplete = firstRead(api, jobId, "complete").body();

            JsonNode ledger = firstComplete.path("costLedger");
            assertThat(ledger.path("actualAmountSats").isNumber()).as("job %d: %s", i, ledger).isTrue();
            assertThat(ledger.path("refundAmountSats").isNumber()).as("job %d: %s", i, ledger).isTrue();
            long paid = firstComplete.path("workInvoice").path("amountSats").asLong();
            assertThat(ledger.path("refundAmountSats").asLong()).as("job %d: what was paid above the bill", i)
                    .isEqualTo(Math.max(0, paid - ledger.path("actualAmountSats").asLong()));
        }
    }

    @Test
    void an_unchanged_job_keeps_its_etag_and_a_long_poll_on_it_answers_304() {
        ApiClient api = api();
        String jobId = paidJob(api, "Write a haiku about entity tags");
        ApiClient.Response first = firstRead(api, jobId, "complete");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();

        assertThat(get(api, jobId, null, null).header("ETag")).as("a second read").isEqualTo(etag);
        ApiClient.Response held = get(api, jobId, etag, "wait=1");

        assertThat(held.status()).as("the complete job did not change").isEqualTo(304);
        assertThat(held.header("ETag")).isEqualTo(etag);
        assertThat(get(api, jobId, null, null).header("ETag")).isEqualTo(etag);
    }

    /** A job whose two invoices are paid (the work is running or done). */
    private static String paidJob(ApiClient api, String request) {
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"" + request + "\"}").body();
        String jobId = created.path("jobId").asText();
        api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());
        JsonNode awaiting = JobWalkthroughTest.pollUntil(api, jobId, "awaiting_work_payment", true);
        api.post("/api/dev/stub/pay/" + awaiting.path("workInvoice").path("paymentHash").asText());
        return jobId;
    }

    /** The first read (polled every 5 ms, so that a ledger written after the state would be caught) in the state. */
    private static ApiClient.Response firstRead(ApiClient api, String jobId, String state) {
        return await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> get(api, jobId, null, null), read -> read.body().path("state").asText().equals(state));
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
