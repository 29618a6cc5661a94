package dev.lnjobs.sagas.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordBootstrapRefundFailed;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordBootstrapRefundPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundRequested;
import dev.lnjobs.sagas.job.RefundFeeLimit;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.lightning.OutgoingPayment;
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
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A claimed bootstrap refund is paid once; paid or failed only on what the node reports. */
class BootstrapRefundSagaTest {

    private static final String ID = ProvisioningSagaTestSupport.ID;
    private static final String HASH = "e".repeat(64);
    private static final String BOLT11 = "lnbcrt100u1refund";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final BootstrapRefundRequested CLAIMED = new BootstrapRefundRequested(ID, BOLT11, HASH, 10_000,
            NOW);

    private SagaTestFixture<BootstrapRefundSaga> fixture;
    private LightningNode lightning;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(BootstrapRefundSaga.class);
        lightning = mock(LightningNode.class);
        fixture.registerResource(lightning);
        fixture.registerResource(ProvisioningSagaTestSupport.SETTINGS);
        fixture.registerResource(new RefundFeeLimit(BigDecimal.ONE, 2));
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void pays_once_with_the_refund_fee_cap_and_records_the_settlement() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown());
        when(lightning.payInvoice(BOLT11, 100)).thenReturn(OutgoingPayment.settled(1L));
        fixture.givenNoPriorActivity()
                .whenPublishingA(CLAIMED)
                .expectDispatchedCommands(new RecordBootstrapRefundPaid(ID, HASH, NOW));
        verify(lightning, times(1)).payInvoice(BOLT11, 100);
    }

    @Test
    void follows_a_payment_the_node_already_holds_instead_of_paying_again() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.inFlight());
        fixture.givenNoPriorActivity()
                .whenPublishingA(CLAIMED)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(2), BootstrapRefundSaga.RECHECK);
        verify(lightning, never()).payInvoice(anyString(), anyLong());
    }

    @Test
    void an_unreachable_node_is_no_failure() {
        when(lightning.checkOutgoingPayment(HASH)).thenThrow(new LightningException("connection refused", true));
        fixture.givenNoPriorActivity()
                .whenPublishingA(CLAIMED)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(2), BootstrapRefundSaga.RECHECK);
    }

    @Test
    void a_refused_pay_call_fails_only_once_the_node_holds_no_payment() {
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown());
        when(lightning.payInvoice(BOLT11, 100)).thenReturn(OutgoingPayment.failed("no route"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(CLAIMED)
                .expectDispatchedCommands(new RecordBootstrapRefundFailed(ID, HASH, "no route"));
    }
}
