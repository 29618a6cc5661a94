package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The seed's curl walkthrough, in stub mode, over real HTTP on real PostgreSQL. */
class JobWalkthroughTest extends ServerTest {

    /** Every answer of the walkthrough is checked against the OpenAPI document. */
    @Override
    protected boolean validatesAgainstOpenApi() {
        return true;
    }

    @Test
    void a_paid_job_goes_from_evaluation_invoice_to_complete_with_a_result() {
        ApiClient api = api();
        ApiClient.Response created =
                api.postJson("/api/jobs", "{\"request\": \"Write a haiku about lightning payments\"}");
        assertThat(created.status()).isEqualTo(201);
        String jobId = created.body().path("jobId").asText();
        assertThat(created.header("Location")).isEqualTo("/api/jobs/" + jobId);
        assertThat(created.body().path("state").asText()).isEqualTo("awaiting_eval_payment");
        JsonNode evalInvoice = created.body().path("evalInvoice");
        assertThat(evalInvoice.path("amountSats").asLong()).isEqualTo(10);
        Bolt11Invoice decoded = Bolt11.decode(evalInvoice.path("paymentRequest").asText());
        assertThat(decoded.network()).isEqualTo(BitcoinNetwork.REGTEST);
        assertThat(decoded.amountSats()).isEqualTo(10);
        assertThat(decoded.paymentHash()).isEqualTo(evalInvoice.path("paymentHash").asText());

        assertThat(api.get("/api/jobs/" + jobId).body().path("state").asText()).isEqualTo("awaiting_eval_payment");

        ApiClient.Response paid = api.post("/api/dev/stub/pay/" + evalInvoice.path("paymentHash").asText());
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.body().path("outcome").asText()).isEqualTo("CONFIRMED");

        JsonNode awaitingWork = pollUntil(api, jobId, "awaiting_work_payment", true);
        JsonNode workInvoice = awaitingWork.path("workInvoice");
        // 38 characters at the seed's defaults and the 100,000 USD fallback price: 129 sats (see PricingPolicyTest)
        assertThat(workInvoice.path("amountSats").asLong()).isEqualTo(129);
        assertThat(awaitingWork.path("evalInvoice").path("paid").asBoolean()).isTrue();

        api.post("/api/dev/stub/pay/" + workInvoice.path("paymentHash").asText());

        JsonNode complete = pollUntil(api, jobId, "complete", false);
        assertThat(complete.path("result").asText())
                .isEqualTo("Stub result for: Write a haiku about lightning payments");
        assertThat(complete.path("workInvoice").path("paid").asBoolean()).isTrue();
    }

    @Test
    void a_rejected_job_ends_rejected_with_the_reason_and_no_work_invoice() {
        ApiClient api = api();
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Please reject this request\"}").body();
        api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());

        JsonNode rejected = pollUntil(api, created.path("jobId").asText(), "rejected", false);
        assertThat(rejected.path("reason").asText()).contains("reject");
        assertThat(rejected.has("workInvoice")).isFalse();
    }

    @Test
    void paying_the_same_invoice_twice_changes_nothing_the_second_time() {
        ApiClient api = api();
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Count to three\"}").body();
        String hash = created.path("evalInvoice").path("paymentHash").asText();
        assertThat(api.post("/api/dev/stub/pay/" + hash).body().path("outcome").asText()).isEqualTo("CONFIRMED");
        pollUntil(api, created.path("jobId").asText(), "awaiting_work_payment", true);

        assertThat(api.post("/api/dev/stub/pay/" + hash).body().path("outcome").asText()).isEqualTo("ALREADY_PAID");
        assertThat(api.postJson("/api/lightning/webhook", "{\"payment_hash\": \"" + hash + "\"}")
                .body().path("outcome").asText()).isEqualTo("ALREADY_PAID");
    }

    @Test
    void a_webhook_for_an_unpaid_invoice_is_not_believed() {
        ApiClient api = api();
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Name a colour\"}").body();
        String hash = created.path("evalInvoice").path("paymentHash").asText();

        ApiClient.Response hook = api.postJson("/api/lightning/webhook", "{\"payment_hash\": \"" + hash + "\"}");

        assertThat(hook.status()).isEqualTo(200);
        assertThat(hook.body().path("outcome").asText()).isEqualTo("NOT_PAID");
        assertThat(api.get("/api/jobs/" + created.path("jobId").asText()).body().path("state").asText())
                .isEqualTo("awaiting_eval_payment");
    }

    static JsonNode pollUntil(ApiClient api, String jobId, String state, boolean needWorkInvoice) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode job = api.get("/api/jobs/" + jobId).body();
            last.set(job);
            assertThat(job.path("state").asText()).isEqualTo(state);
            if (needWorkInvoice) {
                assertThat(job.has("workInvoice")).isTrue();
            }
        });
        return last.get();
    }
}
