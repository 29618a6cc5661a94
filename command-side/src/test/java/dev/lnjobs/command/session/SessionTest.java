package dev.lnjobs.command.session;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.session.DepositOutOfRange;
import dev.lnjobs.api.session.InsufficientBalance;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionCommands.AbandonSession;
import dev.lnjobs.api.session.SessionCommands.ConfirmSessionPayment;
import dev.lnjobs.api.session.SessionCommands.CreateSession;
import dev.lnjobs.api.session.SessionCommands.ExpireSession;
import dev.lnjobs.api.session.SessionCommands.FailTopUp;
import dev.lnjobs.api.session.SessionCommands.IssueDepositInvoice;
import dev.lnjobs.api.session.SessionCommands.IssueTopUpInvoice;
import dev.lnjobs.api.session.SessionCommands.RequestTopUp;
import dev.lnjobs.api.session.SessionCommands.ReserveFunds;
import dev.lnjobs.api.session.SessionCommands.SettleRequest;
import dev.lnjobs.api.session.SessionEvents.DepositInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.DepositPaid;
import dev.lnjobs.api.session.SessionEvents.RequestSettled;
import dev.lnjobs.api.session.SessionEvents.SessionActivated;
import dev.lnjobs.api.session.SessionEvents.SessionCreated;
import dev.lnjobs.api.session.SessionEvents.SessionExpired;
import dev.lnjobs.api.session.SessionEvents.SessionPaused;
import dev.lnjobs.api.session.SessionEvents.TopUpFailed;
import dev.lnjobs.api.session.SessionEvents.TopUpInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.TopUpPaid;
import dev.lnjobs.api.session.SessionEvents.TopUpRequested;
import dev.lnjobs.api.session.SessionExpiredException;
import dev.lnjobs.api.session.SessionRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.lnjobs.command.session.SessionFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

class SessionTest {

    private static final Instant LATER = PAID_AT.plusSeconds(60);

    private FixtureConfiguration<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
    }

    private static ReserveFunds reserve(String requestId, Instant at) {
        return new ReserveFunds(SESSION, requestId, REQUEST, PRICE, at);
    }

    private static SettleRequest complete(String requestId, TokenUsage workUsage, Instant at) {
        return new SettleRequest(SESSION, requestId, RequestState.COMPLETE, "answer", "fine", EVAL_USAGE, workUsage,
                PRICE, at);
    }

    // --- awaiting_payment

    @Test
    void creating_a_session_records_the_deposit_the_terms_and_the_tariff() {
        fixture.givenNoPriorActivity()
                .when(new CreateSession(SESSION, 500, TERMS, TARIFF, T0))
                .expectEvents(new SessionCreated(SESSION, 500, TERMS, TARIFF, T0));
    }

    @Test
    void refuses_a_deposit_below_the_minimum() {
        fixture.givenNoPriorActivity()
                .when(new CreateSession(SESSION, 99, TERMS, TARIFF, T0))
                .expectException(DepositOutOfRange.class)
                .expectExceptionMessage("amount_sats must be between 100 and 10000 sats, not 99");
    }

    @Test
    void refuses_a_deposit_above_the_maximum() {
        fixture.givenNoPriorActivity()
                .when(new CreateSession(SESSION, 10_001, TERMS, TARIFF, T0))
                .expectException(DepositOutOfRange.class);
    }

    @Test
    void issues_the_deposit_invoice_for_the_amount_asked_once() {
        fixture.given(created(500))
                .when(new IssueDepositInvoice(SESSION, depositInvoice(500)))
                .expectEvents(new DepositInvoiceIssued(SESSION, depositInvoice(500)));
        fixture.given(awaitingPayment(500))
                .when(new IssueDepositInvoice(SESSION, depositInvoice(500)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refuses_a_deposit_invoice_for_another_amount() {
        fixture.given(created(500))
                .when(new IssueDepositInvoice(SESSION, depositInvoice(400)))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage("the deposit invoice must be for the 500 sats asked");
    }

    @Test
    void refuses_requests_and_top_ups_before_the_deposit_is_paid() {
        fixture.given(awaitingPayment(500))
                .when(reserve("r1", T0.plusSeconds(5)))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage("cannot run a request while the session is awaiting_payment");
        fixture.given(awaitingPayment(500))
                .when(new RequestTopUp(SESSION, TOPUP, 500, T0.plusSeconds(5)))
                .expectException(SessionRuleViolation.class);
    }

    // --- active

    @Test
    void the_deposit_payment_activates_the_session_with_its_balance_and_an_expiry() {
        fixture.given(awaitingPayment(500))
                .when(new ConfirmSessionPayment(SESSION, DEPOSIT_HASH, PAID_AT))
                .expectEvents(new DepositPaid(SESSION, DEPOSIT_HASH, 500, 500, PAID_AT),
                        new SessionActivated(SESSION, 500, PAID_AT.plusSeconds(24 * 3600)));
    }

    @Test
    void a_repeated_deposit_notice_changes_nothing() {
        fixture.given(active(500))
                .when(new ConfirmSessionPayment(SESSION, DEPOSIT_HASH, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refuses_a_payment_notice_for_a_hash_the_session_never_issued() {
        fixture.given(active(500))
                .when(new ConfirmSessionPayment(SESSION, "d".repeat(64), LATER))
                .expectException(SessionRuleViolation.class);
    }

    @Test
    void refuses_a_second_deposit_invoice_once_active() {
        fixture.given(active(500))
                .when(new IssueDepositInvoice(SESSION, new Invoice("c".repeat(64), "lnbcrt", 500, LATER)))
                .expectException(SessionRuleViolation.class);
    }

    @Test
    void a_request_reserves_its_estimate() {
        fixture.given(active(500))
                .when(reserve("r1", LATER))
                .expectEvents(reserved("r1", LATER));
    }

    @Test
    void reserving_the_same_request_twice_reserves_once() {
        fixture.given(append(active(500), reserved("r1", LATER)))
                .when(reserve("r1", LATER))
                .expectNoEvents();
    }

    @Test
    void refuses_a_request_whose_estimate_exceeds_the_unreserved_balance() {
        // 500 - 3 * 131 = 107 free < 131
        fixture.given(append(active(500), reserved("r1", LATER), reserved("r2", LATER), reserved("r3", LATER)))
                .when(reserve("r4", LATER))
                .expectException(InsufficientBalance.class)
                .expectExceptionMessage("this request needs 131 sats reserved but only 107 of the balance of 500 sats "
                        + "are free; top up to continue");
    }

    @Test
    void settling_a_complete_request_debits_the_actual_cost_releases_the_rest_and_extends_the_expiry() {
        fixture.given(append(active(500), reserved("r1", LATER)))
                .when(complete("r1", WORK_USAGE, LATER.plusSeconds(2)))
                .expectEvents(settled("r1", 374, LATER.plusSeconds(2)))
                .expectState(session -> assertThat(session).extracting("reservations")
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).isEmpty());
    }

    @Test
    void a_rejected_request_debits_only_its_evaluation() {
        fixture.given(append(active(500), reserved("r1", LATER)))
                .when(new SettleRequest(SESSION, "r1", RequestState.REJECTED, null, "not allowed", EVAL_USAGE, null,
                        PRICE, LATER.plusSeconds(2)))
                .expectEvents(new RequestSettled(SESSION, "r1", RequestState.REJECTED, null, "not allowed",
                        SessionPricing.rejected(EVAL_USAGE, TARIFF, PRICE), 131, 1, 0, 499, EXPIRES_AT,
                        LATER.plusSeconds(2)));
    }

    @Test
    void a_failed_request_debits_nothing_and_keeps_the_expiry() {
        fixture.given(append(active(500), reserved("r1", LATER)))
                .when(new SettleRequest(SESSION, "r1", RequestState.FAILED, null, "work failed: down", null, null,
                        PRICE, LATER.plusSeconds(2)))
                .expectEvents(new RequestSettled(SESSION, "r1", RequestState.FAILED, null, "work failed: down",
                        SessionPricing.failed(TARIFF, PRICE), 131, 0, 0, 500, EXPIRES_AT, LATER.plusSeconds(2)));
    }

    @Test
    void a_cost_above_the_estimate_is_paid_from_free_balance() {
        TokenUsage longAnswer = new TokenUsage(55, 5000); // 220 sats, see SessionPricingTest
        Instant at = LATER.plusSeconds(2);
        fixture.given(append(active(500), reserved("r1", LATER)))
                .when(complete("r1", longAnswer, at))
                .expectEvents(new RequestSettled(SESSION, "r1", RequestState.COMPLETE, "answer", "fine",
                        SessionPricing.completed(EVAL_USAGE, longAnswer, TARIFF, PRICE), 131, 220, 0, 280,
                        at.plus(TERMS.expiry()), at));
    }

    @Test
    void never_debits_what_other_requests_reserved_so_the_balance_cannot_go_negative() {
        // (0.000108 + 0.750165 + 0.1) * 1.25 = 1.06284125 USD -> 1063 sats, but only 300 - 131 = 169 are not r2's
        TokenUsage hugeAnswer = new TokenUsage(55, 50_000);
        Instant at = LATER.plusSeconds(2);
        fixture.given(append(active(300), reserved("r1", LATER), reserved("r2", LATER)))
                .when(complete("r1", hugeAnswer, at))
                .expectEvents(new RequestSettled(SESSION, "r1", RequestState.COMPLETE, "answer", "fine",
                        SessionPricing.completed(EVAL_USAGE, hugeAnswer, TARIFF, PRICE), 131, 169, 894, 131,
                        at.plus(TERMS.expiry()), at));
    }

    @Test
    void settling_a_request_more_than_once_debits_once() {
        fixture.given(append(active(500), reserved("r1", LATER), settled("r1", 374, LATER)))
                .when(complete("r1", WORK_USAGE, LATER.plusSeconds(5)))
                .expectNoEvents();
    }

    @Test
    void refuses_to_settle_a_request_that_reserved_nothing() {
        fixture.given(active(500))
                .when(complete("r9", WORK_USAGE, LATER))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(containsString("holds no reservation"));
    }

    @Test
    void refuses_to_settle_a_complete_request_without_its_work_tokens() {
        fixture.given(append(active(500), reserved("r1", LATER)))
                .when(complete("r1", null, LATER))
                .expectException(SessionRuleViolation.class);
    }

    // --- paused

    @Test
    void a_balance_below_the_minimum_after_settlement_pauses_the_session() {
        Instant r1 = PAID_AT.plusSeconds(10);
        Instant r2 = PAID_AT.plusSeconds(20);
        fixture.given(append(active(300), reserved("r1", r1), settled("r1", 174, r1), reserved("r2", r2)))
                .when(complete("r2", WORK_USAGE, r2))
                .expectEvents(settled("r2", 48, r2), new SessionPaused(SESSION, 48, 50));
    }

    @Test
    void a_paused_session_refuses_requests_as_unfunded() {
        fixture.given(paused())
                .when(reserve("r3", LATER))
                .expectException(InsufficientBalance.class)
                .expectExceptionMessage(containsString("is paused: its balance of 48 sats is below the minimum of 50"));
    }

    @Test
    void a_paid_top_up_reactivates_a_paused_session_with_the_same_expiry() {
        Instant topUpPaidAt = LATER.plusSeconds(10);
        fixture.given(append(paused(), new TopUpRequested(SESSION, TOPUP, 100, LATER),
                        new TopUpInvoiceIssued(SESSION, TOPUP, topUpInvoice(100))))
                .when(new ConfirmSessionPayment(SESSION, TOPUP_HASH, topUpPaidAt))
                .expectEvents(new TopUpPaid(SESSION, TOPUP, TOPUP_HASH, 100, 148, topUpPaidAt),
                        new SessionActivated(SESSION, 148, PAID_AT.plusSeconds(20).plus(TERMS.expiry())));
    }

    // --- top-ups

    @Test
    void a_top_up_is_requested_then_invoiced_for_its_amount() {
        fixture.given(active(500))
                .when(new RequestTopUp(SESSION, TOPUP, 500, LATER))
                .expectEvents(new TopUpRequested(SESSION, TOPUP, 500, LATER));
        fixture.given(append(active(500), new TopUpRequested(SESSION, TOPUP, 500, LATER)))
                .when(new IssueTopUpInvoice(SESSION, TOPUP, topUpInvoice(500)))
                .expectEvents(new TopUpInvoiceIssued(SESSION, TOPUP, topUpInvoice(500)));
    }

    @Test
    void refuses_a_top_up_outside_the_deposit_limits() {
        fixture.given(active(500))
                .when(new RequestTopUp(SESSION, TOPUP, 20_000, LATER))
                .expectException(DepositOutOfRange.class);
    }

    @Test
    void a_paid_top_up_grows_the_balance_of_an_active_session_once() {
        Object[] invoiced = append(active(500), new TopUpRequested(SESSION, TOPUP, 500, LATER),
                new TopUpInvoiceIssued(SESSION, TOPUP, topUpInvoice(500)));
        fixture.given(invoiced)
                .when(new ConfirmSessionPayment(SESSION, TOPUP_HASH, LATER))
                .expectEvents(new TopUpPaid(SESSION, TOPUP, TOPUP_HASH, 500, 1000, LATER));
        fixture.given(append(invoiced, new TopUpPaid(SESSION, TOPUP, TOPUP_HASH, 500, 1000, LATER)))
                .when(new ConfirmSessionPayment(SESSION, TOPUP_HASH, LATER.plusSeconds(1)))
                .expectNoEvents();
    }

    @Test
    void a_top_up_whose_invoice_failed_gets_no_invoice_later() {
        Object[] requested = append(active(500), new TopUpRequested(SESSION, TOPUP, 500, LATER));
        fixture.given(requested)
                .when(new FailTopUp(SESSION, TOPUP, "top-up invoice failed: down"))
                .expectEvents(new TopUpFailed(SESSION, TOPUP, "top-up invoice failed: down"));
        fixture.given(append(requested, new TopUpFailed(SESSION, TOPUP, "down")))
                .when(new IssueTopUpInvoice(SESSION, TOPUP, topUpInvoice(500)))
                .expectException(SessionRuleViolation.class);
    }

    // --- expired

    @Test
    void an_active_session_expires_when_its_deadline_is_due() {
        fixture.given(active(500))
                .when(new ExpireSession(SESSION, EXPIRES_AT))
                .expectEvents(new SessionExpired(SESSION, 500, "no successful request before " + EXPIRES_AT));
    }

    @Test
    void a_deadline_a_later_request_moved_expires_nothing() {
        fixture.given(append(active(500), reserved("r1", LATER), settled("r1", 374, LATER)))
                .when(new ExpireSession(SESSION, EXPIRES_AT))
                .expectNoEvents();
    }

    @Test
    void a_paused_session_expires_too() {
        fixture.given(paused())
                .when(new ExpireSession(SESSION, PAID_AT.plusSeconds(20).plus(TERMS.expiry())))
                .expectEvents(new SessionExpired(SESSION, 48,
                        "no successful request before " + PAID_AT.plusSeconds(20).plus(TERMS.expiry())));
    }

    @Test
    void an_unpaid_session_expires_with_its_deposit_invoice() {
        fixture.given(awaitingPayment(500))
                .when(new ExpireSession(SESSION, T0.plusSeconds(3600)))
                .expectEvents(new SessionExpired(SESSION, 0, "the deposit invoice expired unpaid"));
        fixture.given(awaitingPayment(500))
                .when(new ExpireSession(SESSION, T0.plusSeconds(3599)))
                .expectNoEvents();
    }

    @Test
    void a_session_whose_deposit_invoice_could_not_be_issued_is_abandoned() {
        fixture.given(created(500))
                .when(new AbandonSession(SESSION, "deposit invoice failed: down"))
                .expectEvents(new SessionExpired(SESSION, 0, "deposit invoice failed: down"));
        fixture.given(awaitingPayment(500))
                .when(new AbandonSession(SESSION, "late"))
                .expectException(SessionRuleViolation.class);
    }

    @Test
    void an_expired_session_refuses_requests_and_top_ups() {
        Object[] expired = append(active(500), new SessionExpired(SESSION, 500, "x"));
        fixture.given(expired)
                .when(reserve("r1", LATER))
                .expectException(SessionExpiredException.class)
                .expectExceptionMessage("session " + SESSION + " expired at " + EXPIRES_AT + "; open a new session");
        fixture.given(expired)
                .when(new RequestTopUp(SESSION, TOPUP, 500, LATER))
                .expectException(SessionExpiredException.class);
        fixture.given(expired)
                .when(new ExpireSession(SESSION, EXPIRES_AT.plusSeconds(1)))
                .expectNoEvents();
    }

    @Test
    void a_request_after_the_expiry_is_refused_even_before_the_deadline_fired() {
        fixture.given(active(500))
                .when(reserve("r1", EXPIRES_AT))
                .expectException(SessionExpiredException.class);
    }

    @Test
    void a_request_running_when_the_session_expired_is_still_settled_without_extending_it() {
        fixture.given(append(active(500), reserved("r1", LATER), new SessionExpired(SESSION, 500, "x")))
                .when(complete("r1", WORK_USAGE, EXPIRES_AT.plusSeconds(1)))
                .expectEvents(new RequestSettled(SESSION, "r1", RequestState.COMPLETE, "answer", "fine",
                        SessionPricing.completed(EVAL_USAGE, WORK_USAGE, TARIFF, PRICE), 131, 126, 0, 374,
                        EXPIRES_AT, EXPIRES_AT.plusSeconds(1)));
    }

    @Test
    void a_deposit_paid_into_an_expired_session_is_recorded_but_revives_nothing() {
        fixture.given(append(awaitingPayment(500), new SessionExpired(SESSION, 0, "x")))
                .when(new ConfirmSessionPayment(SESSION, DEPOSIT_HASH, T0.plusSeconds(4000)))
                .expectEvents(new DepositPaid(SESSION, DEPOSIT_HASH, 500, 500, T0.plusSeconds(4000)));
    }
}
