package dev.lnjobs.server.job;

import dev.lnjobs.api.job.JobCommands.CreateJob;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.query.job.JobStatus;
import dev.lnjobs.sagas.job.JobFlowSettings;
import dev.lnjobs.sagas.lightning.InvoiceMemo;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.server.views.PendingView;
import dev.lnjobs.server.views.Views;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The creation's two paths, on mocks: the invoice made here and sent with CreateJob, or left to the saga. */
class JobServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration EXPIRY = Duration.ofHours(1);
    private static final Tariff TARIFF = Tariff.defaults();

    private final Views views = mock(Views.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private final JobReads reads = mock(JobReads.class);
    private final LightningNode node = mock(LightningNode.class);
    private final JobService service = new JobService(views, commands, reads, node,
            new JobFlowSettings(EXPIRY, 3, Duration.ofSeconds(1)), TARIFF, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Invoice invoice = new Invoice("a".repeat(64), "lnbcrt100n1eval", TARIFF.evalFeeSats(),
            NOW.plus(EXPIRY));

    @Test
    void the_creation_sends_its_evaluation_invoice_with_the_command_and_answers_the_view_without_waiting() {
        when(node.createInvoice(TARIFF.evalFeeSats(), InvoiceMemo.EVALUATION.text(), EXPIRY)).thenReturn(invoice);
        JobStatus view = status();
        when(reads.find(anyString())).thenReturn(Optional.of(view));

        assertThat(service.create("a haiku", "alice@wallet.example")).isSameAs(view);

        ArgumentCaptor<CreateJob> sent = ArgumentCaptor.forClass(CreateJob.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().evalInvoice()).isEqualTo(invoice);
        assertThat(sent.getValue().refundAddress()).isEqualTo("alice@wallet.example");
        assertThat(sent.getValue().requestedAt()).isEqualTo(NOW);
        verify(reads).find(sent.getValue().jobId());
        verifyNoInteractions(views);
    }

    @Test
    void a_node_that_fails_leaves_the_invoice_to_the_saga_and_the_creation_waits_for_it_as_before() {
        when(node.createInvoice(any(Long.class), anyString(), any()))
                .thenThrow(new LightningException("unreachable", true, null));
        @SuppressWarnings("unchecked")
        PendingView<JobStatus> pending = mock(PendingView.class);
        when(reads.pending(anyString(), any(), eq(JobService.INVOICE_WAIT))).thenReturn(pending);
        JobStatus view = status();
        when(views.sendAndAwait(any(), eq(pending))).thenReturn(Optional.of(view));

        assertThat(service.create("a haiku")).isSameAs(view);

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(views).sendAndAwait(sent.capture(), eq(pending));
        assertThat(((CreateJob) sent.getValue()).evalInvoice()).isNull();
        verifyNoInteractions(commands);
    }

    private static JobStatus status() {
        return new JobStatus(new dev.lnjobs.api.job.JobQueries.JobView("j", JobState.AWAITING_EVAL_PAYMENT,
                "a haiku", null, null, null, null, NOW, NOW), null, "1.0");
    }
}
