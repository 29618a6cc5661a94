package dev.lnjobs.query.job;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobAccepted;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobExpired;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.JobRejected;
import dev.lnjobs.api.job.JobEvents.WorkCompleted;
import dev.lnjobs.api.job.JobEvents.WorkInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.job.JobQueries.InvoiceView;
import dev.lnjobs.api.job.JobQueries.JobView;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.query.EventFeed;
import dev.lnjobs.query.ProjectionTest;
import dev.lnjobs.query.ledger.CostLedgerProjection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.lnjobs.query.Fixtures.id;
import static dev.lnjobs.query.Fixtures.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobProjectionTest extends ProjectionTest {

    private static final TokenUsage EVAL_USAGE = new TokenUsage(120, 30);

    @Autowired
    JobProjection projection;
    @Autowired
    JobStatusReader reader;
    @Autowired
    JobChanges changes;
    @Autowired
    CostLedgerProjection ledger;

    private EventFeed feed;
    private final String jobId = id("job");

    @BeforeEach
    void feed() {
        feed = feed(projection);
    }

    private JobStatus status() {
        return reader.find(jobId).orElseThrow();
    }

    private Invoice created() {
        feed.publish(jobId, new JobCreated(jobId, "Explain Lightning", Tariff.defaults(), feed.now()));
        Invoice eval = invoice(jobId + "/eval", 10, feed.now().plus(Duration.ofHours(1)));
        feed.publish(jobId, new EvalInvoiceIssued(jobId, eval));
        return eval;
    }

    @Test
    void shows_a_paid_job_through_to_its_result() {
        Instant createdAt = feed.now().plusSeconds(1);
        Invoice eval = created();
        assertThat(status().view().state()).isEqualTo(JobState.AWAITING_EVAL_PAYMENT);
        assertThat(status().view().evalInvoice())
                .isEqualTo(new InvoiceView(eval.paymentHash(), eval.paymentRequest(), 10, eval.expiresAt(), false));

        feed.publish(jobId, new EvalInvoicePaid(jobId, eval.paymentHash(), 10, feed.now()));
        assertThat(status().view().state()).isEqualTo(JobState.EVALUATING);
        feed.publish(jobId, new JobAccepted(jobId, "fine", "claude-haiku-4-5", EVAL_USAGE));
        assertThat(status().view().state()).isEqualTo(JobState.AWAITING_WORK_PAYMENT);
        Invoice work = invoice(jobId + "/work", 129, feed.now().plus(Duration.ofHours(1)));
        feed.publish(jobId, new WorkInvoiceIssued(jobId, work));
        feed.publish(jobId, new WorkInvoicePaid(jobId, work.paymentHash(), 129, feed.now()));
        assertThat(status().view().state()).isEqualTo(JobState.EXECUTING);
        feed.publish(jobId, new WorkCompleted(jobId, "It is a payment network.", "claude-sonnet-4-6",
                new TokenUsage(60, 200)));

        JobView view = status().view();
        assertThat(view.state()).isEqualTo(JobState.COMPLETE);
        assertThat(view.result()).isEqualTo("It is a payment network.");
        assertThat(view.request()).isEqualTo("Explain Lightning");
        assertThat(view.evalInvoice().paid()).isTrue();
        assertThat(view.workInvoice())
                .isEqualTo(new InvoiceView(work.paymentHash(), work.paymentRequest(), 129, work.expiresAt(), true));
        assertThat(view.createdAt()).isEqualTo(createdAt);
        assertThat(view.updatedAt()).isEqualTo(feed.now());
        // Seven events, sequence numbers 0..6; no cost ledger row was fed.
        assertThat(status().version()).isEqualTo("6");
        assertThat(status().ledger()).isNull();
    }

    @Test
    void shows_a_rejection_with_its_reason() {
        Invoice eval = created();
        feed.publish(jobId, new EvalInvoicePaid(jobId, eval.paymentHash(), 10, feed.now()));
        feed.publish(jobId, new JobRejected(jobId, "asks for malware", "claude-haiku-4-5", EVAL_USAGE));

        JobView view = status().view();
        assertThat(view.state()).isEqualTo(JobState.REJECTED);
        assertThat(view.reason()).isEqualTo("asks for malware");
        assertThat(view.workInvoice()).isNull();
        assertThat(status().version()).isEqualTo("3");
    }

    @Test
    void shows_an_expired_invoice_as_the_reason() {
        Invoice eval = created();
        feed.advance(Duration.ofHours(1));
        feed.publish(jobId, new JobExpired(jobId, eval.paymentHash(), JobState.AWAITING_EVAL_PAYMENT, feed.now()));

        JobView view = status().view();
        assertThat(view.state()).isEqualTo(JobState.EXPIRED);
        assertThat(view.reason()).isEqualTo("invoice " + eval.paymentHash() + " expired unpaid");
        assertThat(view.evalInvoice().paid()).isFalse();
    }

    @Test
    void shows_a_failure_with_its_reason() {
        Invoice eval = created();
        feed.publish(jobId, new EvalInvoicePaid(jobId, eval.paymentHash(), 10, feed.now()));
        feed.publish(jobId, new JobFailed(jobId, "model unavailable after 4 attempts", JobState.EVALUATING));

        assertThat(status().view().state()).isEqualTo(JobState.FAILED);
        assertThat(status().view().reason()).isEqualTo("model unavailable after 4 attempts");
    }

    @Test
    void refuses_an_event_for_a_job_it_has_no_row_of_and_rolls_its_transaction_back() {
        // The ledger takes the event first and would create its row; the view's refusal undoes that too.
        EventFeed both = feed(ledger, projection);
        assertThatThrownBy(() -> both.publish(jobId, new JobAccepted(jobId, "fine", "m", EVAL_USAGE)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(jobId);
        assertThat(reader.find(jobId)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM job_cost_ledger WHERE job_id = ?", Long.class, jobId))
                .isZero();
    }

    @Test
    void tells_listeners_once_the_change_committed_and_only_for_their_job() {
        created();
        List<JobState> seenByListener = new ArrayList<>();
        String otherJob = id("job");
        List<String> heardByOther = new ArrayList<>();
        try (JobChanges.Listening ignored = changes.listen(jobId,
                () -> seenByListener.add(reader.find(jobId).orElseThrow().view().state()));
             JobChanges.Listening other = changes.listen(otherJob, () -> heardByOther.add(otherJob))) {
            feed.publish(jobId, new EvalInvoicePaid(jobId, invoice(jobId + "/eval", 10, feed.now()).paymentHash(),
                    10, feed.now()));
        }
        // The listener read the row on a connection of its own: it saw the committed state.
        assertThat(seenByListener).containsExactly(JobState.EVALUATING);
        assertThat(heardByOther).isEmpty();

        feed.publish(jobId, new JobFailed(jobId, "gone", JobState.EVALUATING));
        assertThat(seenByListener).as("closed listeners hear nothing").hasSize(1);
    }

    @Test
    void answers_nothing_for_an_unknown_job() {
        assertThat(reader.find(id("job"))).isEmpty();
    }
}
