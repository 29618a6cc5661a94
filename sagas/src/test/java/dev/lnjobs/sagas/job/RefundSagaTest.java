package dev.lnjobs.sagas.job;

import dev.lnjobs.api.job.JobCommands.RecordRefundFailed;
import dev.lnjobs.api.job.JobCommands.RecordRefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.lightning.LightningNode.PaymentStatus;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class RefundSagaTest {

    private static final String JOB = "6f1c2b8e-0d3a-4c1e-9a57-2f0e5d8c7b11";
    private static final String HASH = "f".repeat(64);
    private static final String BOLT11 = "lnbcrt20n1refund";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final RefundRequested REQUESTED = new RefundRequested(JOB, BOLT11, HASH, 2, NOW);

    private SagaTestFixture<RefundSaga> fixture;
    private LightningNode lightning;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RefundSaga.class);
        lightning = mock(LightningNode.class);
        fixture.registerResource(lightning);
        fixture.registerResource(new JobFlowSettings(Duration.ofHours(1), 3, Duration.ofSeconds(1)));
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void pays_an_unknown_refund_once_and_records_it() {
        when(lightning.checkPayment(HASH)).thenReturn(PaymentStatus.UNKNOWN);
        when(lightning.payInvoice(BOLT11)).thenReturn(HASH);
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        verify(lightning, times(1)).payInvoice(BOLT11);
    }

    @Test
    void after_a_crash_between_paying_and_recording_it_checks_first_and_never_pays_again() {
        // The node already paid this hash: the intent event is delivered again after a crash.
        when(lightning.checkPayment(HASH)).thenReturn(PaymentStatus.PAID);
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        verify(lightning, never()).payInvoice(anyString());
    }

    @Test
    void a_payment_in_flight_is_checked_again_later_not_paid_again() {
        when(lightning.checkPayment(HASH)).thenReturn(PaymentStatus.PENDING);
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), RefundSaga.RECHECK);
        verify(lightning, never()).payInvoice(anyString());
    }

    @Test
    void a_transient_failure_while_paying_is_resolved_by_checking_before_any_new_attempt() {
        when(lightning.checkPayment(HASH)).thenReturn(PaymentStatus.UNKNOWN, PaymentStatus.PAID);
        when(lightning.payInvoice(BOLT11)).thenThrow(new LightningException("timeout", true));
        fixture.givenAPublished(REQUESTED)
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        verify(lightning, times(1)).payInvoice(BOLT11);
    }

    @Test
    void a_refused_payment_marks_the_refund_failed() {
        when(lightning.checkPayment(HASH)).thenReturn(PaymentStatus.UNKNOWN);
        when(lightning.payInvoice(BOLT11)).thenThrow(new LightningException("no route", false));
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectDispatchedCommands(new RecordRefundFailed(JOB, HASH, "no route"));
    }

    @Test
    void a_paid_refund_ends_the_saga() {
        when(lightning.checkPayment(HASH)).thenReturn(PaymentStatus.PENDING);
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new RefundPaid(JOB, HASH, 2, NOW))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }
}
