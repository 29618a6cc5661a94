package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import dev.lnjobs.server.support.TestSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

/**
 * The evaluation invoice is made by the creation itself, on the request's thread, and recorded with it in one
 * command: the answer is 201 with the invoice and no saga hop. When the node fails at creation, transient or not,
 * the job is created without it and asks for it (EvalInvoiceRequested), which starts its payment saga to issue it.
 * Either way the invoice is recorded by the same EvalInvoiceIssued, routes its payment to the job, and both audits
 * replay the store clean.
 */
class CreationInvoiceTest extends ServerTest {

    private static final String HTTP_THREADS = "http-nio";

    @MockitoSpyBean
    LightningNode node;

    @Autowired
    private JdbcTemplate jdbc;

    /** The threads that asked the node for an evaluation invoice (10 sats), in order. */
    private final List<String> evalInvoiceCalls = new CopyOnWriteArrayList<>();
    /** How many of the next evaluation-invoice calls fail, and how. */
    private volatile List<LightningException> failures = List.of();

    @BeforeEach
    void record() {
        doAnswer(call -> {
            if (call.<Long>getArgument(0) == 10L) {
                evalInvoiceCalls.add(Thread.currentThread().getName());
                if (evalInvoiceCalls.size() <= failures.size()) {
                    throw failures.get(evalInvoiceCalls.size() - 1);
                }
            }
            return call.callRealMethod();
        }).when(node).createInvoice(anyLong(), anyString(), any());
    }

    @Test
    void a_created_job_answers_201_with_the_invoice_its_creation_made_and_recorded_in_one_command() {
        ApiClient api = api();
        ApiClient.Response created = api.postJson("/api/jobs", "{\"request\": \"Write a haiku about lightning\"}");

        assertThat(created.status()).isEqualTo(201);
        String jobId = created.body().path("jobId").asText();
        String hash = created.body().path("evalInvoice").path("paymentHash").asText();
        assertThat(created.body().path("evalInvoice").path("amountSats").asLong()).isEqualTo(10);
        assertThat(created.header("ETag")).isEqualTo(api.get("/api/jobs/" + jobId).header("ETag"));
        assertThat(evalInvoiceCalls).hasSize(1).allMatch(thread -> thread.startsWith(HTTP_THREADS));
        assertThat(events(jobId)).containsExactly("0 JobCreated true", "1 EvalInvoiceIssued");
        assertThat(invoiceOwner(hash)).isEqualTo(jobId);

        payAndAwaitWork(api, jobId, hash);
        assertThat(evalInvoiceCalls).hasSize(1);
        // the payment started the job's saga, which the creation did not need
        assertThat(jdbc.queryForObject("SELECT count(*) FROM association_value_entry WHERE association_key = 'jobId'"
                + " AND association_value = ? AND saga_type LIKE '%JobPaymentSaga'", Long.class, jobId)).isEqualTo(1);
        auditsAreClean(api);
    }

    @Test
    void a_node_failing_at_creation_leaves_the_invoice_to_the_saga_which_issues_it_within_the_wait() {
        failures = List.of(new LightningException("node unreachable", true, null));
        ApiClient api = api();
        ApiClient.Response created = api.postJson("/api/jobs", "{\"request\": \"Write a haiku about retries\"}");

        assertThat(created.status()).isEqualTo(201);
        String jobId = created.body().path("jobId").asText();
        String hash = created.body().path("evalInvoice").path("paymentHash").asText();
        assertThat(evalInvoiceCalls).hasSize(2);
        assertThat(evalInvoiceCalls.get(0)).startsWith(HTTP_THREADS);
        assertThat(evalInvoiceCalls.get(1)).doesNotStartWith(HTTP_THREADS);
        assertThat(events(jobId)).containsExactly("0 JobCreated false", "1 EvalInvoiceRequested",
                "2 EvalInvoiceIssued");
        assertThat(invoiceOwner(hash)).isEqualTo(jobId);

        payAndAwaitWork(api, jobId, hash);
        auditsAreClean(api);
    }

    @Test
    void a_node_refusing_at_creation_also_leaves_the_invoice_to_the_saga() {
        failures = List.of(new LightningException("bad credentials", false, null));
        ApiClient api = api();
        ApiClient.Response created = api.postJson("/api/jobs", "{\"request\": \"Name a colour\"}");

        assertThat(created.status()).isEqualTo(201);
        String jobId = created.body().path("jobId").asText();
        assertThat(evalInvoiceCalls).hasSize(2);
        assertThat(events(jobId)).containsExactly("0 JobCreated false", "1 EvalInvoiceRequested",
                "2 EvalInvoiceIssued");
    }

    /** The job's stored events: sequence, type and, for JobCreated, whether the invoice came with it. */
    private List<String> events(String jobId) {
        return jdbc.query("SELECT sequence_number, payload_type, convert_from(payload, 'UTF8') AS payload "
                        + "FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (row, i) -> {
                    String type = row.getString("payload_type");
                    String name = type.substring(type.lastIndexOf('$') + 1);
                    String line = row.getLong("sequence_number") + " " + name;
                    return name.equals("JobCreated")
                            ? line + " " + row.getString("payload").contains("\"evalInvoiceIncluded\":true") : line;
                }, jobId);
    }

    private String invoiceOwner(String paymentHash) {
        return jdbc.queryForObject("SELECT owner_id FROM issued_invoice WHERE payment_hash = ? AND purpose = ?",
                String.class, paymentHash, "JOB_EVAL");
    }

    private static void payAndAwaitWork(ApiClient api, String jobId, String hash) {
        assertThat(api.post("/api/dev/stub/pay/" + hash).body().path("outcome").asText()).isEqualTo("CONFIRMED");
        JsonNode awaiting = JobWalkthroughTest.pollUntil(api, jobId, "awaiting_work_payment", true);
        assertThat(awaiting.path("evalInvoice").path("paid").asBoolean()).isTrue();
    }

    private static void auditsAreClean(ApiClient api) {
        assertThat(admin(api, "/api/admin/audit/pricing").path("mismatchCount").asLong()).isZero();
        assertThat(admin(api, "/api/admin/audit/ledger").path("mismatches").asLong()).isZero();
    }

    private static JsonNode admin(ApiClient api, String path) {
        ApiClient.Response answer = api.send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Authorization", "Bearer " + TestSettings.all().get("lnjobs.admin.token")).GET());
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }
}
