package dev.lnjobs.query.lightning;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapInvoiceIssued;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.ProvisioningFailed;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobExpired;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.JobRejected;
import dev.lnjobs.api.job.JobEvents.WorkInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.lightning.InvoiceQueries.FindInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.FindPendingInvoicesOf;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.PendingInvoices;
import dev.lnjobs.api.lightning.InvoiceQueries.Purpose;
import dev.lnjobs.api.session.SessionEvents.DepositInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.DepositPaid;
import dev.lnjobs.api.session.SessionEvents.SessionExpired;
import dev.lnjobs.api.session.SessionEvents.TopUpInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.TopUpPaid;
import dev.lnjobs.query.EventFeed;
import dev.lnjobs.query.ProjectionTest;
import dev.lnjobs.query.QueryAnswers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.lnjobs.query.Fixtures.hash;
import static dev.lnjobs.query.Fixtures.id;
import static dev.lnjobs.query.Fixtures.invoice;
import static org.assertj.core.api.Assertions.assertThat;

class IssuedInvoiceProjectionTest extends ProjectionTest {

    private static final TokenUsage USAGE = new TokenUsage(10, 5);

    @Autowired
    IssuedInvoiceProjection projection;

    private EventFeed feed;
    private QueryAnswers queries;

    @BeforeEach
    void feed() {
        feed = feed(projection);
        queries = new QueryAnswers(projection);
    }

    private IssuedInvoice find(String paymentHash) {
        return queries.ask(new FindInvoice(paymentHash), IssuedInvoice.class);
    }

    /** The unpaid, open invoices of these owners (FindPendingInvoicesOf ignores expiry: a late payment counts). */
    private List<String> pendingOf(Instant asOf, String... owners) {
        return java.util.Arrays.stream(owners)
                .flatMap(owner -> queries.ask(new FindPendingInvoicesOf(owner), PendingInvoices.class).invoices()
                        .stream())
                .map(IssuedInvoice::paymentHash).toList();
    }

    private Invoice inAnHour(String name, long amountSats) {
        return invoice(name, amountSats, feed.now().plus(Duration.ofHours(1)));
    }

    @Test
    void routes_a_job_invoice_to_its_job_until_it_is_paid() {
        String jobId = id("job");
        Invoice eval = inAnHour(jobId + "/eval", 10);
        feed.publish(jobId, new EvalInvoiceIssued(jobId, eval));

        assertThat(find(eval.paymentHash()))
                .isEqualTo(new IssuedInvoice(eval.paymentHash(), Purpose.JOB_EVAL, jobId, 10, eval.expiresAt(), false));
        assertThat(pendingOf(feed.now(), jobId)).containsExactly(eval.paymentHash());

        feed.publish(jobId, new EvalInvoicePaid(jobId, eval.paymentHash(), 10, feed.now()));
        Invoice work = inAnHour(jobId + "/work", 129);
        feed.publish(jobId, new WorkInvoiceIssued(jobId, work));

        assertThat(find(eval.paymentHash()).paid()).isTrue();
        assertThat(find(work.paymentHash()).purpose()).isEqualTo(Purpose.JOB_WORK);
        assertThat(pendingOf(feed.now(), jobId)).containsExactly(work.paymentHash());

        feed.publish(jobId, new WorkInvoicePaid(jobId, work.paymentHash(), 129, feed.now()));
        assertThat(pendingOf(feed.now(), jobId)).isEmpty();
        assertThat(find(work.paymentHash()).paid()).isTrue();
    }

    @Test
    void stops_waiting_for_a_rejected_expired_or_failed_jobs_invoices() {
        String rejected = id("job");
        String expired = id("job");
        String failed = id("job");
        Invoice rejectedWork = inAnHour(rejected + "/eval", 10);
        Invoice expiredEval = inAnHour(expired + "/eval", 10);
        Invoice failedEval = inAnHour(failed + "/eval", 10);
        feed.publish(rejected, new EvalInvoiceIssued(rejected, rejectedWork));
        feed.publish(expired, new EvalInvoiceIssued(expired, expiredEval));
        feed.publish(failed, new EvalInvoiceIssued(failed, failedEval));
        assertThat(pendingOf(feed.now(), rejected, expired, failed)).hasSize(3);

        feed.publish(rejected, new JobRejected(rejected, "no", "m", USAGE));
        feed.publish(expired, new JobExpired(expired, expiredEval.paymentHash(), JobState.AWAITING_EVAL_PAYMENT,
                feed.now()));
        feed.publish(failed, new JobFailed(failed, "model down", JobState.EVALUATING));

        assertThat(pendingOf(feed.now(), rejected, expired, failed)).isEmpty();
        // Still routable: a late payment notice finds its owner, which decides what it means.
        assertThat(find(expiredEval.paymentHash()).ownerId()).isEqualTo(expired);
        assertThat(find(expiredEval.paymentHash()).paid()).isFalse();
    }

    @Test
    void routes_session_and_bootstrap_invoices_and_closes_them_with_their_owner() {
        String sessionId = id("session");
        String bootstrapId = id("bootstrap");
        Invoice deposit = inAnHour(sessionId + "/deposit", 500);
        Invoice topUp = inAnHour(sessionId + "/topup", 200);
        Invoice fee = inAnHour(bootstrapId + "/fee", 50_000);
        feed.publish(sessionId, new DepositInvoiceIssued(sessionId, deposit));
        feed.publish(bootstrapId, new BootstrapInvoiceIssued(bootstrapId, fee));
        feed.publish(sessionId, new DepositPaid(sessionId, deposit.paymentHash(), 500, 500, feed.now()));
        feed.publish(sessionId, new TopUpInvoiceIssued(sessionId, "topup-1", topUp));

        assertThat(find(deposit.paymentHash()).purpose()).isEqualTo(Purpose.SESSION_DEPOSIT);
        assertThat(find(deposit.paymentHash()).paid()).isTrue();
        assertThat(find(topUp.paymentHash()).purpose()).isEqualTo(Purpose.SESSION_TOPUP);
        assertThat(find(fee.paymentHash())).extracting(IssuedInvoice::purpose, IssuedInvoice::ownerId)
                .containsExactly(Purpose.BOOTSTRAP, bootstrapId);
        assertThat(pendingOf(feed.now(), sessionId, bootstrapId))
                .containsExactlyInAnyOrder(topUp.paymentHash(), fee.paymentHash());

        feed.publish(sessionId, new SessionExpired(sessionId, 500, "idle for 24 h"));
        feed.publish(bootstrapId, new ProvisioningFailed(bootstrapId, "no capacity", BootstrapState.PROVISIONING,
                null, null));
        assertThat(pendingOf(feed.now(), sessionId, bootstrapId)).isEmpty();
    }

    @Test
    void marks_top_up_and_bootstrap_payments_paid() {
        String sessionId = id("session");
        String bootstrapId = id("bootstrap");
        Invoice topUp = inAnHour(sessionId + "/topup", 200);
        Invoice fee = inAnHour(bootstrapId + "/fee", 50_000);
        feed.publish(sessionId, new TopUpInvoiceIssued(sessionId, "topup-1", topUp));
        feed.publish(bootstrapId, new BootstrapInvoiceIssued(bootstrapId, fee));
        feed.publish(sessionId, new TopUpPaid(sessionId, "topup-1", topUp.paymentHash(), 200, 700, feed.now()));
        feed.publish(bootstrapId, new BootstrapPaid(bootstrapId, fee.paymentHash(), 50_000, feed.now()));

        assertThat(find(topUp.paymentHash()).paid()).isTrue();
        assertThat(find(fee.paymentHash()).paid()).isTrue();
        assertThat(pendingOf(feed.now(), sessionId, bootstrapId)).isEmpty();
    }

    @Test
    void answers_null_for_a_hash_it_never_issued() {
        assertThat(find(hash(id("never")))).isNull();
    }
}
