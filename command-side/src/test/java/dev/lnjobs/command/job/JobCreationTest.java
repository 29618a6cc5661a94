package dev.lnjobs.command.job;

import dev.lnjobs.api.job.JobCommands.ConfirmInvoicePaid;
import dev.lnjobs.api.job.JobCommands.CreateJob;
import dev.lnjobs.api.job.JobCommands.IssueEvalInvoice;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceRequested;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.api.lightning.Invoice;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.lnjobs.command.job.JobFixtures.*;
import static org.hamcrest.Matchers.containsString;

/** A creation that carries its evaluation invoice records it in the same command, as IssueEvalInvoice would. */
class JobCreationTest {

    private static final String ADDRESS = "alice@wallet.example";

    private FixtureConfiguration<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
    }

    @Test
    void a_creation_with_its_evaluation_invoice_records_both_in_one_command() {
        fixture.givenNoPriorActivity()
                .when(new CreateJob(JOB, REQUEST, TARIFF, T0, ADDRESS, EVAL_INVOICE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new JobCreated(JOB, REQUEST, TARIFF, T0, ADDRESS, true),
                        new EvalInvoiceIssued(JOB, EVAL_INVOICE));
    }

    @Test
    void a_creation_without_an_invoice_leaves_it_to_the_saga() {
        fixture.givenNoPriorActivity()
                .when(new CreateJob(JOB, REQUEST, TARIFF, T0, null, null))
                .expectEvents(new JobCreated(JOB, REQUEST, TARIFF, T0, null, false),
                        new EvalInvoiceRequested(JOB, TARIFF.evalFeeSats()));
    }

    @Test
    void a_creation_with_an_invoice_for_another_amount_than_the_fee_is_refused_whole() {
        fixture.givenNoPriorActivity()
                .when(new CreateJob(JOB, REQUEST, TARIFF, T0, null, new Invoice(EVAL_HASH, "lnbcrt1u1x", 11, T0)))
                .expectException(JobRuleViolation.class)
                .expectExceptionMessage(containsString("EVAL_FEE_SATS"))
                .expectNoEvents();
    }

    @Test
    void a_blank_request_is_refused_even_with_an_invoice() {
        fixture.givenNoPriorActivity()
                .when(new CreateJob(JOB, " ", TARIFF, T0, null, EVAL_INVOICE))
                .expectException(JobRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void the_invoice_that_came_with_the_creation_is_the_one_its_payment_confirms() {
        fixture.given(new JobCreated(JOB, REQUEST, TARIFF, T0, null, true), new EvalInvoiceIssued(JOB, EVAL_INVOICE))
                .when(new ConfirmInvoicePaid(JOB, EVAL_HASH, T0.plusSeconds(5)))
                .expectEvents(new EvalInvoicePaid(JOB, EVAL_HASH, 10, T0.plusSeconds(5), REQUEST, TARIFF.evalModel(),
                        TARIFF.workModel()));
    }

    @Test
    void a_late_issue_of_the_same_invoice_changes_nothing() {
        fixture.given(new JobCreated(JOB, REQUEST, TARIFF, T0, null, true), new EvalInvoiceIssued(JOB, EVAL_INVOICE))
                .when(new IssueEvalInvoice(JOB, EVAL_INVOICE))
                .expectNoEvents();
    }

    @Test
    void a_late_issue_of_another_invoice_is_refused() {
        fixture.given(new JobCreated(JOB, REQUEST, TARIFF, T0, null, true), new EvalInvoiceIssued(JOB, EVAL_INVOICE))
                .when(new IssueEvalInvoice(JOB, new Invoice("c".repeat(64), "lnbcrt100n1x", 10, T0)))
                .expectException(JobRuleViolation.class);
    }
}
