package dev.lnjobs.server.web;

import dev.lnjobs.client.ApiException;
import dev.lnjobs.client.api.JobsApi;
import dev.lnjobs.client.api.LightningApi;
import dev.lnjobs.client.api.SessionsApi;
import dev.lnjobs.client.model.OpenBody;
import dev.lnjobs.client.model.CostLedgerView;
import dev.lnjobs.client.model.CreateJobBody;
import dev.lnjobs.client.model.JobResponse;
import dev.lnjobs.client.model.RequestResponse;
import dev.lnjobs.client.model.RunRequestBody;
import dev.lnjobs.client.model.SessionResponse;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The typed client of module {@code client}, generated from the committed {@code docs/openapi.json}, drives a job and
 * a session end to end: a document that drifts from the server (a field renamed, a null where it says never, an
 * enum value it does not list) breaks the client here.
 */
class GeneratedClientTest extends ServerTest {

    private dev.lnjobs.client.ApiClient client() {
        dev.lnjobs.client.ApiClient client = new dev.lnjobs.client.ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        return client;
    }

    @Test
    void a_job_is_paid_and_completed_through_the_generated_client() throws ApiException {
        JobsApi jobs = new JobsApi(client());
        LightningApi lightning = new LightningApi(client());
        JobResponse created = jobs.jobsCreate(new CreateJobBody().request("Count to three"));
        assertThat(created.getState()).isEqualTo(JobResponse.StateEnum.AWAITING_EVAL_PAYMENT);
        assertThat(created.getEvalInvoice().getAmountSats()).isEqualTo(10L);
        assertThat(created.getAccessToken()).isNotBlank();
        lightning.lightningPay(created.getEvalInvoice().getPaymentHash());

        JobResponse priced = awaitState(jobs, created.getJobId(), JobResponse.StateEnum.AWAITING_WORK_PAYMENT);
        assertThat(priced.getWorkInvoice().getAmountSats()).isPositive();
        String preimage = lightning.lightningPay(priced.getWorkInvoice().getPaymentHash()).getPreimage();
        assertThat(preimage).hasSize(64);

        JobResponse done = awaitState(jobs, created.getJobId(), JobResponse.StateEnum.COMPLETE);
        assertThat(done.getResult()).isEqualTo("Stub result for: Count to three");
        CostLedgerView ledger = done.getCostLedger();
        assertThat(ledger.getWorkInputTokens()).isPositive();
        assertThat(ledger.getWorkAmountSats()).isEqualTo(priced.getWorkInvoice().getAmountSats());
        assertThat(ledger.getRefundAmountSats()).isEqualTo(ledger.getWorkAmountSats() - ledger.getActualAmountSats());
        assertThat(ledger.getRefundPaymentHash()).isNull();
    }

    @Test
    void a_session_is_opened_paid_and_used_through_the_generated_client() throws ApiException {
        SessionsApi sessions = new SessionsApi(client());
        SessionResponse opened = sessions.sessionsCreate(new OpenBody().amountSats(500L));
        assertThat(opened.getState()).isEqualTo(SessionResponse.StateEnum.AWAITING_PAYMENT);
        String bearer = "Bearer " + opened.getMacaroon();
        new LightningApi(client()).lightningPay(opened.getInvoice().getPaymentHash());
        AtomicReference<SessionResponse> active = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            active.set(sessions.sessionsGet(opened.getSessionId(), bearer));
            return active.get().getState() == SessionResponse.StateEnum.ACTIVE;
        });
        assertThat(active.get().getBalanceSats()).isEqualTo(500L);

        RequestResponse answered = sessions.sessionsRequest(opened.getSessionId(),
                new RunRequestBody().request("What is a satoshi?"), bearer);
        assertThat(answered.getState()).isEqualTo(RequestResponse.StateEnum.COMPLETE);
        assertThat(answered.getDebitedSats()).isEqualTo(126L);
        assertThat(answered.getBalanceRemaining()).isEqualTo(374L);
    }

    private static JobResponse awaitState(JobsApi jobs, String jobId, JobResponse.StateEnum state) {
        AtomicReference<JobResponse> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            seen.set(jobs.jobsGet(jobId, null, null));
            return seen.get().getState() == state;
        });
        return seen.get();
    }
}
