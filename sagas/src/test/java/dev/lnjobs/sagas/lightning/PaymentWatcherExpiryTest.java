package dev.lnjobs.sagas.lightning;

import dev.lnjobs.api.job.JobCommands.ConfirmInvoicePaid;
import dev.lnjobs.api.job.JobCommands.ExpireJob;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.Purpose;
import dev.lnjobs.sagas.lightning.InvoiceCheckSchedule.DueCheck;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The watcher's check at an invoice's expiry is the job's expiry: no deadline per invoice. */
class PaymentWatcherExpiryTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final InvoiceCheckSchedule schedule = mock(InvoiceCheckSchedule.class);
    private final LightningNode lightning = mock(LightningNode.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final PaymentWatcher watcher = new PaymentWatcher(schedule,
            new PaymentNotices(lightning, commands, mock(QueryGateway.class), clock), clock,
            Duration.ofSeconds(1), Duration.ofSeconds(60), 10);

    private void due(Purpose purpose, Instant expiresAt) {
        IssuedInvoice invoice = new IssuedInvoice("a".repeat(64), purpose, "job-1", 10, expiresAt, false);
        when(schedule.due(any(), anyInt())).thenReturn(List.of(new DueCheck(invoice, Duration.ofSeconds(1))));
    }

    @Test
    void a_job_invoice_unpaid_at_its_expiry_expires_the_job() {
        due(Purpose.JOB_EVAL, NOW);
        when(lightning.checkPayment("a".repeat(64))).thenReturn(LightningNode.PaymentStatus.PENDING);

        watcher.pollOnce();

        verify(commands).sendAndWait(new ExpireJob("job-1", "a".repeat(64), NOW));
    }

    @Test
    void a_payment_found_at_the_expiry_is_confirmed_instead() {
        due(Purpose.JOB_WORK, NOW);
        when(lightning.checkPayment("a".repeat(64))).thenReturn(LightningNode.PaymentStatus.PAID);

        watcher.pollOnce();

        verify(commands).sendAndWait(new ConfirmInvoicePaid("job-1", "a".repeat(64), NOW));
        verify(commands, never()).sendAndWait(any(ExpireJob.class));
    }

    @Test
    void a_node_that_cannot_answer_expires_nothing_and_the_invoice_is_checked_again() {
        due(Purpose.JOB_EVAL, NOW);
        when(lightning.checkPayment("a".repeat(64))).thenThrow(new LightningException("down", true));

        watcher.pollOnce();

        verify(commands, never()).sendAndWait(any());
        verify(schedule).scheduleNext("a".repeat(64), NOW.plusSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void an_invoice_before_its_expiry_or_of_a_session_expires_nothing() {
        due(Purpose.JOB_EVAL, NOW.plusSeconds(1));
        when(lightning.checkPayment("a".repeat(64))).thenReturn(LightningNode.PaymentStatus.PENDING);
        watcher.pollOnce();
        due(Purpose.SESSION_DEPOSIT, NOW);
        watcher.pollOnce();

        verify(commands, never()).sendAndWait(any());
    }
}
