package dev.lnjobs.sagas.session;

import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionCommands.AbandonSession;
import dev.lnjobs.api.session.SessionCommands.ConfirmSessionPayment;
import dev.lnjobs.api.session.SessionCommands.ExpireSession;
import dev.lnjobs.api.session.SessionCommands.FailTopUp;
import dev.lnjobs.api.session.SessionCommands.IssueDepositInvoice;
import dev.lnjobs.api.session.SessionCommands.IssueTopUpInvoice;
import dev.lnjobs.api.session.SessionEvents.DepositInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.RequestSettled;
import dev.lnjobs.api.session.SessionEvents.SessionActivated;
import dev.lnjobs.api.session.SessionEvents.SessionCreated;
import dev.lnjobs.api.session.SessionEvents.SessionExpired;
import dev.lnjobs.api.session.SessionEvents.SessionPaused;
import dev.lnjobs.api.session.SessionEvents.TopUpInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.TopUpPaid;
import dev.lnjobs.api.session.SessionEvents.TopUpRequested;
import dev.lnjobs.api.session.SessionTerms;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class SessionSagaTest {

    private static final String SESSION = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration INVOICE_EXPIRY = Duration.ofHours(1);
    private static final Invoice DEPOSIT = new Invoice("a".repeat(64), "lnbcrt5u1deposit", 500,
            T0.plus(INVOICE_EXPIRY));
    private static final Invoice TOPUP = new Invoice("b".repeat(64), "lnbcrt2u1topup", 200, T0.plus(INVOICE_EXPIRY));
    private static final Instant EXPIRES_AT = T0.plusSeconds(30).plus(Duration.ofHours(24));
    private static final Instant NOW = Instant.parse("2026-11-25T13:00:00Z");

    private SagaTestFixture<SessionSaga> fixture;
    private LightningNode lightning;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(SessionSaga.class);
        lightning = mock(LightningNode.class);
        fixture.registerResource(lightning);
        fixture.registerResource(new SessionFlowSettings(INVOICE_EXPIRY, 3, Duration.ofSeconds(1)));
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SessionCreated created() {
        return new SessionCreated(SESSION, 500, SessionTerms.defaults(), Tariff.defaults(), T0);
    }

    private static RequestSettled settled(Instant expiresAt) {
        return new RequestSettled(SESSION, "r1", RequestState.COMPLETE, "answer", "fine", null, 131, 126, 0, 374,
                expiresAt, expiresAt.minus(Duration.ofHours(24)));
    }

    @Test
    void a_new_session_gets_a_deposit_invoice_for_its_amount() {
        when(lightning.createInvoice(eq(500L), anyString(), eq(INVOICE_EXPIRY))).thenReturn(DEPOSIT);
        fixture.givenNoPriorActivity()
                .whenPublishingA(created())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new IssueDepositInvoice(SESSION, DEPOSIT));
    }

    @Test
    void an_unpaid_session_is_due_to_expire_with_its_deposit_invoice() {
        fixture.givenCurrentTime(T0).andThenAPublished(created())
                .whenPublishingA(new DepositInvoiceIssued(SESSION, DEPOSIT))
                .expectScheduledDeadlineWithName(DEPOSIT.expiresAt(), SessionSaga.EXPIRY);
    }

    @Test
    void activation_moves_the_expiry_deadline_to_the_sessions_expiry() {
        fixture.givenCurrentTime(T0).andThenAPublished(created())
                .andThenAPublished(new DepositInvoiceIssued(SESSION, DEPOSIT))
                .whenPublishingA(new SessionActivated(SESSION, 500, EXPIRES_AT))
                .expectScheduledDeadlineWithName(EXPIRES_AT, SessionSaga.EXPIRY)
                .expectNoScheduledDeadlineWithName(DEPOSIT.expiresAt(), SessionSaga.EXPIRY);
    }

    @Test
    void a_successful_request_moves_the_expiry_deadline_again() {
        Instant extended = EXPIRES_AT.plusSeconds(600);
        fixture.givenCurrentTime(T0).andThenAPublished(created())
                .andThenAPublished(new SessionActivated(SESSION, 500, EXPIRES_AT))
                .whenPublishingA(settled(extended))
                .expectScheduledDeadlineWithName(extended, SessionSaga.EXPIRY)
                .expectNoScheduledDeadlineWithName(EXPIRES_AT, SessionSaga.EXPIRY);
    }

    @Test
    void the_due_expiry_deadline_asks_the_session_to_expire_as_of_that_expiry() {
        fixture.givenCurrentTime(T0).andThenAPublished(created())
                .andThenAPublished(new SessionActivated(SESSION, 500, EXPIRES_AT))
                .whenTimeAdvancesTo(EXPIRES_AT)
                .expectDeadlinesMet(EXPIRES_AT)
                .expectDispatchedCommands(new ExpireSession(SESSION, EXPIRES_AT));
    }

    @Test
    void a_pause_waits_for_a_top_up_and_dispatches_nothing() {
        fixture.givenCurrentTime(T0).andThenAPublished(created())
                .andThenAPublished(new SessionActivated(SESSION, 500, EXPIRES_AT))
                .whenPublishingA(new SessionPaused(SESSION, 48, 50))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(EXPIRES_AT, SessionSaga.EXPIRY);
    }

    @Test
    void a_top_up_gets_an_invoice_for_its_amount() {
        when(lightning.createInvoice(eq(200L), anyString(), eq(INVOICE_EXPIRY))).thenReturn(TOPUP);
        fixture.givenAPublished(created())
                .whenPublishingA(new TopUpRequested(SESSION, "t1", 200, T0))
                .expectDispatchedCommands(new IssueTopUpInvoice(SESSION, "t1", TOPUP));
    }

    @Test
    void a_deposit_invoice_the_node_cannot_create_is_retried_then_the_session_is_abandoned() {
        when(lightning.createInvoice(anyLong(), anyString(), any())).thenThrow(new LightningException("down", true));
        fixture.givenAPublished(created())
                .whenTimeElapses(Duration.ofSeconds(10))
                .expectDispatchedCommands(new AbandonSession(SESSION, "deposit invoice failed: down"));
    }

    @Test
    void a_transient_invoice_failure_is_retried_on_a_deadline() {
        when(lightning.createInvoice(anyLong(), anyString(), any())).thenThrow(new LightningException("down", true));
        fixture.givenNoPriorActivity()
                .whenPublishingA(created())
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), SessionSaga.RETRY);
    }

    @Test
    void a_top_up_invoice_refused_for_good_fails_that_top_up_at_once() {
        when(lightning.createInvoice(anyLong(), anyString(), any()))
                .thenThrow(new LightningException("bad key", false));
        fixture.givenAPublished(created())
                .whenPublishingA(new TopUpRequested(SESSION, "t1", 200, T0))
                .expectDispatchedCommands(new FailTopUp(SESSION, "t1", "top-up invoice failed: bad key"))
                .expectNoScheduledDeadlineWithName(Duration.ofSeconds(1), SessionSaga.RETRY);
    }

    @Test
    void expiry_ends_the_saga_and_its_deadline() {
        fixture.givenCurrentTime(T0).andThenAPublished(created())
                .andThenAPublished(new SessionActivated(SESSION, 500, EXPIRES_AT))
                .whenPublishingA(new SessionExpired(SESSION, 500, "x"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_deposit_paid_but_unnoticed_is_confirmed_at_its_expiry_not_expired() {
        when(lightning.createInvoice(eq(500L), anyString(), eq(INVOICE_EXPIRY))).thenReturn(DEPOSIT);
        when(lightning.checkPayment(DEPOSIT.paymentHash())).thenReturn(LightningNode.PaymentStatus.PAID);
        fixture.givenCurrentTime(T0).andThenAPublished(created())
                .andThenAPublished(new DepositInvoiceIssued(SESSION, DEPOSIT))
                .whenTimeAdvancesTo(DEPOSIT.expiresAt())
                .expectDeadlinesMet(DEPOSIT.expiresAt())
                .expectDispatchedCommands(new ConfirmSessionPayment(SESSION, DEPOSIT.paymentHash(), NOW));
    }

    @Test
    void a_deposit_still_unpaid_at_its_expiry_expires_the_session() {
        when(lightning.createInvoice(eq(500L), anyString(), eq(INVOICE_EXPIRY))).thenReturn(DEPOSIT);
        when(lightning.checkPayment(DEPOSIT.paymentHash())).thenReturn(LightningNode.PaymentStatus.PENDING);
        fixture.givenCurrentTime(T0).andThenAPublished(created())
                .andThenAPublished(new DepositInvoiceIssued(SESSION, DEPOSIT))
                .whenTimeAdvancesTo(DEPOSIT.expiresAt())
                .expectDispatchedCommands(new ExpireSession(SESSION, DEPOSIT.expiresAt()));
        verify(lightning).checkPayment(DEPOSIT.paymentHash());
    }

    @Test
    void a_node_unreachable_at_the_deposits_expiry_leaves_the_expiry_to_the_session() {
        when(lightning.createInvoice(eq(500L), anyString(), eq(INVOICE_EXPIRY))).thenReturn(DEPOSIT);
        when(lightning.checkPayment(DEPOSIT.paymentHash())).thenThrow(new LightningException("down", true));
        fixture.givenCurrentTime(T0).andThenAPublished(created())
                .andThenAPublished(new DepositInvoiceIssued(SESSION, DEPOSIT))
                .whenTimeAdvancesTo(DEPOSIT.expiresAt())
                .expectDispatchedCommands(new ExpireSession(SESSION, DEPOSIT.expiresAt()));
    }

    @Test
    void a_top_up_paid_but_unnoticed_is_confirmed_before_the_session_expires() {
        when(lightning.checkPayment(TOPUP.paymentHash())).thenReturn(LightningNode.PaymentStatus.PAID);
        fixture.givenCurrentTime(T0).andThenAPublished(created())
                .andThenAPublished(new SessionActivated(SESSION, 500, EXPIRES_AT))
                .andThenAPublished(new TopUpInvoiceIssued(SESSION, "t1", TOPUP))
                .whenTimeAdvancesTo(EXPIRES_AT)
                .expectDispatchedCommands(new ConfirmSessionPayment(SESSION, TOPUP.paymentHash(), NOW),
                        new ExpireSession(SESSION, EXPIRES_AT));
    }

    @Test
    void a_top_up_already_paid_is_not_asked_about_again() {
        fixture.givenCurrentTime(T0).andThenAPublished(created())
                .andThenAPublished(new SessionActivated(SESSION, 500, EXPIRES_AT))
                .andThenAPublished(new TopUpInvoiceIssued(SESSION, "t1", TOPUP))
                .andThenAPublished(new TopUpPaid(SESSION, "t1", TOPUP.paymentHash(), 200, 700, T0))
                .whenTimeAdvancesTo(EXPIRES_AT)
                .expectDispatchedCommands(new ExpireSession(SESSION, EXPIRES_AT));
        verify(lightning, never()).checkPayment(TOPUP.paymentHash());
    }
}
