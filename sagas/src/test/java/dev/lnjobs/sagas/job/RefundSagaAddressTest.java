package dev.lnjobs.sagas.job;

import dev.lnjobs.api.job.JobCommands.RecordAddressRefundFailed;
import dev.lnjobs.api.job.JobCommands.RecordRefundPaid;
import dev.lnjobs.api.job.JobCommands.RequestRefund;
import dev.lnjobs.api.job.JobEvents.AddressRefundDue;
import dev.lnjobs.api.job.JobEvents.AddressRefundFailed;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.sagas.lightning.LightningAddresses;
import dev.lnjobs.sagas.lightning.LightningAddresses.AddressInvoice;
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

/** The refund address step of RefundSaga: the invoice for the refund less the reserve, then the same payment. */
class RefundSagaAddressTest {

    private static final String JOB = "6f1c2b8e-0d3a-4c1e-9a57-2f0e5d8c7b11";
    private static final String ADDRESS = "alice@wallet.example";
    private static final String HASH = "f".repeat(64);
    private static final String BOLT11 = "lnbcrt480n1address";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    /** 250 sats owed: the reserve is max(1 % = 2, 2) = 2, so the address is asked for 248. */
    private static final AddressRefundDue DUE = new AddressRefundDue(JOB, ADDRESS, 250);

    private SagaTestFixture<RefundSaga> fixture;
    private LightningNode lightning;
    private LightningAddresses addresses;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RefundSaga.class);
        lightning = mock(LightningNode.class);
        addresses = mock(LightningAddresses.class);
        fixture.registerResource(lightning);
        fixture.registerResource(addresses);
        fixture.registerResource(new JobFlowSettings(Duration.ofHours(1), 3, Duration.ofSeconds(1)));
        fixture.registerResource(new RefundFeeLimit(BigDecimal.ONE, 2));
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void asks_the_address_for_the_refund_less_its_reserve_and_records_the_intent() {
        when(addresses.invoiceFor(ADDRESS, 248)).thenReturn(new AddressInvoice(BOLT11, HASH, 248));
        fixture.givenNoPriorActivity()
                .whenPublishingA(DUE)
                .expectDispatchedCommands(new RequestRefund(JOB, BOLT11, HASH, 248, NOW, ADDRESS, 2));
        verify(lightning, never()).payInvoice(anyString(), anyLong());
    }

    @Test
    void pays_the_recorded_intent_with_the_reserve_as_its_fee_limit() {
        when(addresses.invoiceFor(ADDRESS, 248)).thenReturn(new AddressInvoice(BOLT11, HASH, 248));
        when(lightning.checkOutgoingPayment(HASH)).thenReturn(OutgoingPayment.unknown());
        when(lightning.payInvoice(BOLT11, 2)).thenReturn(OutgoingPayment.settled(1L));
        fixture.givenAPublished(DUE)
                .whenPublishingA(new RefundRequested(JOB, BOLT11, HASH, 248, NOW, ADDRESS, 2))
                .expectDispatchedCommands(new RecordRefundPaid(JOB, HASH, NOW));
        verify(lightning, times(1)).payInvoice(BOLT11, 2);
    }

    @Test
    void a_refused_address_is_recorded_at_once() {
        when(addresses.invoiceFor(ADDRESS, 248)).thenThrow(new LightningException("no such user", false));
        fixture.givenNoPriorActivity()
                .whenPublishingA(DUE)
                .expectDispatchedCommands(new RecordAddressRefundFailed(JOB, ADDRESS, "no such user"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void an_unreachable_address_is_tried_again_then_given_up() throws Exception {
        when(addresses.invoiceFor(ADDRESS, 248)).thenThrow(new LightningException("timeout", true));
        fixture.givenNoPriorActivity()
                .whenPublishingA(DUE)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), RefundSaga.ADDRESS_RETRY);
        // 3 attempts in all: at once, after 1 s, after 2 s more; then the failure is recorded
        fixture.givenAPublished(DUE)
                .andThenTimeElapses(Duration.ofSeconds(1))
                .whenTimeElapses(Duration.ofSeconds(2))
                .expectDispatchedCommands(new RecordAddressRefundFailed(JOB, ADDRESS, "timeout"));
        verify(addresses, times(1 + 3)).invoiceFor(ADDRESS, 248); // the first scenario's one, then three
    }

    @Test
    void a_refund_no_larger_than_its_reserve_is_not_sent_to_the_address() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new AddressRefundDue(JOB, ADDRESS, 2))
                .expectDispatchedCommands(new RecordAddressRefundFailed(JOB, ADDRESS,
                        "the refund of 2 sats does not cover its fee reserve of 2 sats"));
        verify(addresses, never()).invoiceFor(anyString(), anyLong());
    }

    @Test
    void a_recorded_failure_ends_the_saga() {
        when(addresses.invoiceFor(ADDRESS, 248)).thenThrow(new LightningException("no such user", false));
        fixture.givenAPublished(DUE)
                .whenPublishingA(new AddressRefundFailed(JOB, ADDRESS, "no such user"))
                .expectActiveSagas(0);
    }
}
