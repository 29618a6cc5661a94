package dev.lnjobs.sagas.session;

import dev.lnjobs.api.session.SessionCommands.CheckWithdrawal;
import dev.lnjobs.api.session.SessionCommands.RecordAddressWithdrawalFailed;
import dev.lnjobs.api.session.SessionCommands.RequestWithdrawal;
import dev.lnjobs.api.session.SessionEvents.AddressWithdrawalDue;
import dev.lnjobs.sagas.job.RefundFeeLimit;
import dev.lnjobs.sagas.lightning.LightningAddresses;
import dev.lnjobs.sagas.lightning.LightningAddresses.AddressInvoice;
import dev.lnjobs.sagas.lightning.LightningException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The refund address step of an expired session: the invoice for the withdrawable balance less its reserve. */
class AddressWithdrawalSagaTest {

    private static final String SESSION = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private static final String WITHDRAWAL = "9b2f6c1e-0000-3000-8000-000000000001";
    private static final String ADDRESS = "alice@wallet.example";
    private static final String HASH = "f".repeat(64);
    private static final String BOLT11 = "lnbcrt4950n1address";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(30);
    private static final AddressWithdrawalDue DUE = new AddressWithdrawalDue(SESSION, WITHDRAWAL, ADDRESS, 500, NOW);

    private SagaTestFixture<AddressWithdrawalSaga> fixture;
    private LightningAddresses addresses;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(AddressWithdrawalSaga.class);
        addresses = mock(LightningAddresses.class);
        fixture.registerResource(addresses);
        fixture.registerResource(new SessionFlowSettings(Duration.ofHours(1), 3, Duration.ofSeconds(1)));
        fixture.registerResource(new RefundFeeLimit(BigDecimal.ONE, 5));
        fixture.registerResource(new WithdrawalWindow(WINDOW));
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
        // the session answers 500 sats withdrawable
        fixture.setCallbackBehavior((payload, metaData) -> payload instanceof CheckWithdrawal ? 500L : null);
    }

    @Test
    void asks_the_address_for_the_balance_less_its_reserve_and_records_the_withdrawal() {
        when(addresses.invoiceFor(ADDRESS, 495)).thenReturn(new AddressInvoice(BOLT11, HASH, 495));
        fixture.givenNoPriorActivity()
                .whenPublishingA(DUE)
                .expectDispatchedCommands(new CheckWithdrawal(SESSION, WINDOW, 5, NOW),
                        new RequestWithdrawal(SESSION, WITHDRAWAL, ADDRESS, BOLT11, HASH, 495, 5, WINDOW, NOW));
    }

    @Test
    void a_refused_address_is_recorded_and_the_balance_left_where_it_is() {
        when(addresses.invoiceFor(ADDRESS, 495)).thenThrow(new LightningException("no such user", false));
        fixture.givenNoPriorActivity()
                .whenPublishingA(DUE)
                .expectDispatchedCommands(new CheckWithdrawal(SESSION, WINDOW, 5, NOW),
                        new RecordAddressWithdrawalFailed(SESSION, WITHDRAWAL, ADDRESS, "no such user"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void an_unreachable_address_is_tried_again_later() {
        when(addresses.invoiceFor(ADDRESS, 495)).thenThrow(new LightningException("timeout", true));
        fixture.givenNoPriorActivity()
                .whenPublishingA(DUE)
                .expectDispatchedCommands(new CheckWithdrawal(SESSION, WINDOW, 5, NOW))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), AddressWithdrawalSaga.RETRY);
    }
}
