package dev.lnjobs.sagas.job;

import dev.lnjobs.api.job.JobCommands.RecordRefundFailed;
import dev.lnjobs.api.job.JobCommands.RecordRefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.lightning.OutgoingPayment;
import org.axonframework.test.saga.FixtureExecutionResult;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class RefundSagaTest {

    private static final String JOB = "6f1c2b8e-0d3a-4c1e-9a57-2f0e5d8c7b11";
    private static final String HASH = "f".repeat(64);
    private static final String BOLT11 = "lnbcrt20n1refund";
    private static final long FEE_LIMIT = 2;
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final RefundRequested REQUESTED = new RefundRequested(JOB, BOLT11, HASH, 2, NOW);
    private static final LightningException UNAUTHORIZED =
            new LightningException("LNbits check payment answered 401: Invalid key.", false);

    private SagaTestFixture<RefundSaga> fixture;
    private LightningNode lightning;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RefundSaga.class);
        lightning = mock(LightningNode.class);
        fixture.registerResource(lightning);
        fixture.registerResource(new JobFlowSettings(Duration.ofHours(1), 3, Duration.ofSeconds(1)));
        fixture.registerResource(new RefundFeeLimit(BigDecimal.ONE, 2));
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void pays_an_unknown_refund_once_and_records_it_when_the_node_reports_it_settled() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown());
        when(lightning.payInvoice(BOLT11, FEE_LIMIT)).thenReturn(OutgoingPayment.settled(0L));
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        verify(lightning, times(1)).payInvoice(BOLT11, FEE_LIMIT);
    }

    @Test
    void a_payment_the_node_took_is_not_paid_until_it_settles() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown(), OutgoingPayment.settled(1L));
        when(lightning.payInvoice(BOLT11, FEE_LIMIT)).thenReturn(OutgoingPayment.inFlight());
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), RefundSaga.RECHECK);
    }

    @Test
    void accepted_then_settled_is_recorded_paid_after_one_payment() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown(), OutgoingPayment.settled(1L));
        when(lightning.payInvoice(BOLT11, FEE_LIMIT)).thenReturn(OutgoingPayment.inFlight());
        fixture.givenAPublished(REQUESTED)
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        verify(lightning, times(1)).payInvoice(anyString(), anyLong());
    }

    @Test
    void accepted_then_failed_is_recorded_failed_with_the_nodes_reason_so_it_may_be_claimed_again() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown(),
                OutgoingPayment.failed("LNbits reports the payment failed"));
        when(lightning.payInvoice(BOLT11, FEE_LIMIT)).thenReturn(OutgoingPayment.inFlight());
        fixture.givenAPublished(REQUESTED)
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectDispatchedCommands(new RecordRefundFailed(JOB, HASH, "LNbits reports the payment failed"));
        verify(lightning, times(1)).payInvoice(anyString(), anyLong());
    }

    @Test
    void a_payment_pending_for_hours_stays_pending_checked_at_most_every_ten_minutes_and_is_paid_once() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown(), OutgoingPayment.inFlight());
        when(lightning.payInvoice(BOLT11, FEE_LIMIT)).thenReturn(OutgoingPayment.inFlight());
        fixture.givenAPublished(REQUESTED);
        FixtureExecutionResult result = null;
        for (int i = 0; i < 30; i++) { // five hours: 1 + 2 + ... + 512 s, then every 10 min
            result = fixture.whenTimeElapses(RefundSaga.MAX_RECHECK_DELAY);
        }
        result.expectNoDispatchedCommands().expectActiveSagas(1);
        verify(lightning, times(1)).payInvoice(anyString(), anyLong());
        // doubling without the cap would have checked 13 times in these five hours
        verify(lightning, atLeast(30)).checkOutgoingPayment(HASH);
    }

    @Test
    void a_401_while_rechecking_a_payment_in_flight_keeps_it_pending_and_never_pays_again() throws Exception {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown())
                .thenThrow(UNAUTHORIZED).thenReturn(OutgoingPayment.inFlight(), OutgoingPayment.settled(0L));
        when(lightning.payInvoice(BOLT11, FEE_LIMIT)).thenReturn(OutgoingPayment.inFlight());
        fixture.givenAPublished(REQUESTED)
                .andThenTimeElapses(Duration.ofSeconds(1))
                .andThenTimeElapses(Duration.ofSeconds(2))
                .whenTimeElapses(Duration.ofSeconds(4))
                .expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        verify(lightning, times(1)).payInvoice(anyString(), anyLong());
    }

    @Test
    void a_malformed_2xx_from_the_pay_call_is_uncertain_and_resolved_by_looking_up_the_hash() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown(), OutgoingPayment.inFlight(),
                OutgoingPayment.settled(0L));
        when(lightning.payInvoice(BOLT11, FEE_LIMIT)).thenThrow(
                new LightningException("LNbits pay invoice answered 201 without a JSON object", false));
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectNoDispatchedCommands();
        fixture.whenTimeElapses(Duration.ofSeconds(1)).expectNoDispatchedCommands();
        fixture.whenTimeElapses(Duration.ofSeconds(2)).expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        verify(lightning, times(1)).payInvoice(anyString(), anyLong());
    }

    @Test
    void once_the_node_took_the_payment_its_forgetting_the_hash_is_no_licence_to_pay_again() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown());
        when(lightning.payInvoice(BOLT11, FEE_LIMIT)).thenReturn(OutgoingPayment.inFlight());
        fixture.givenAPublished(REQUESTED)
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
        verify(lightning, times(1)).payInvoice(anyString(), anyLong());
    }

    @Test
    void after_a_crash_between_paying_and_recording_it_checks_first_and_never_pays_again() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.settled(0L));
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        verify(lightning, never()).payInvoice(anyString(), anyLong());
    }

    @Test
    void a_payment_the_node_reports_failed_is_recorded_failed_without_paying_again() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.failed("no route"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectDispatchedCommands(new RecordRefundFailed(JOB, HASH, "no route"));
        verify(lightning, never()).payInvoice(anyString(), anyLong());
    }

    @Test
    void a_transient_failure_while_paying_is_resolved_by_checking_before_any_new_attempt() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown(), OutgoingPayment.settled(0L));
        when(lightning.payInvoice(BOLT11, FEE_LIMIT)).thenThrow(new LightningException("timeout", true));
        fixture.givenAPublished(REQUESTED)
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        verify(lightning, times(1)).payInvoice(anyString(), anyLong());
    }

    @Test
    void a_refused_payment_is_failed_once_the_node_confirms_it_holds_none() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown());
        when(lightning.payInvoice(BOLT11, FEE_LIMIT)).thenReturn(OutgoingPayment.failed("520: no route found"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectDispatchedCommands(new RecordRefundFailed(JOB, HASH, "520: no route found"));
    }

    @Test
    void a_refused_pay_call_while_the_node_holds_the_payment_in_flight_is_not_a_failure() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown(), OutgoingPayment.inFlight());
        when(lightning.payInvoice(BOLT11, FEE_LIMIT)).thenReturn(OutgoingPayment.failed("520: no route found"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), RefundSaga.RECHECK);
    }

    @Test
    void a_paid_refund_ends_the_saga() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.inFlight());
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new RefundPaid(JOB, HASH, 2, NOW))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void the_fee_limit_is_a_share_of_the_refund_with_a_floor() {
        RefundFeeLimit limit = new RefundFeeLimit(BigDecimal.ONE, 2);
        org.assertj.core.api.Assertions.assertThat(limit.maxFeeSats(3)).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(limit.maxFeeSats(1_000)).isEqualTo(10);
        org.assertj.core.api.Assertions.assertThat(limit.maxFeeSats(1_099)).isEqualTo(10);
        org.assertj.core.api.Assertions.assertThat(new RefundFeeLimit(new BigDecimal("0.5"), 0).maxFeeSats(1_000))
                .isEqualTo(5);
    }
}
