package dev.lnjobs.command.session;

import dev.lnjobs.api.session.SessionCommands.CheckWithdrawal;
import dev.lnjobs.api.session.SessionCommands.ExpireSession;
import dev.lnjobs.api.session.SessionCommands.RecordWithdrawalFailed;
import dev.lnjobs.api.session.SessionCommands.RecordWithdrawalPaid;
import dev.lnjobs.api.session.SessionCommands.RequestWithdrawal;
import dev.lnjobs.api.session.SessionCommands.ReserveFunds;
import dev.lnjobs.api.session.SessionEvents.SessionExpired;
import dev.lnjobs.api.session.SessionEvents.WithdrawalFailed;
import dev.lnjobs.api.session.SessionEvents.WithdrawalPaid;
import dev.lnjobs.api.session.SessionEvents.WithdrawalRequested;
import dev.lnjobs.api.session.SessionRuleViolation;
import dev.lnjobs.api.session.WithdrawalAlreadyRequested;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.lnjobs.command.session.SessionFixtures.*;
import static org.hamcrest.Matchers.containsString;

class SessionWithdrawalTest {

    private static final Duration WINDOW = Duration.ofDays(30);
    private static final Instant AT = PAID_AT.plusSeconds(120);
    private static final String HASH = "c".repeat(64);

    private FixtureConfiguration<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
    }

    private static RequestWithdrawal withdraw(String id, long amount, long reserve, Instant at) {
        return new RequestWithdrawal(SESSION, id, "invoice", "lnbcrt1withdraw", HASH, amount, reserve, WINDOW, at);
    }

    private static WithdrawalRequested requested(String id, long available, long amount, long reserve) {
        return new WithdrawalRequested(SESSION, id, "invoice", "lnbcrt1withdraw", HASH, available, amount, reserve,
                0, AT);
    }

    @Test
    void answers_the_balance_not_held_by_running_requests() {
        fixture.given(append(active(500), reserved("r1", AT)))
                .when(new CheckWithdrawal(SESSION, WINDOW, 2, AT))
                .expectResultMessagePayload(500L - ESTIMATE_SATS);
    }

    @Test
    void takes_the_whole_available_balance_into_escrow_and_closes_the_session() {
        fixture.given(active(500))
                .when(withdraw("w1", 498, 2, AT))
                .expectEvents(requested("w1", 500, 498, 2));
    }

    @Test
    void refuses_a_withdrawal_that_is_not_the_whole_available_balance() {
        fixture.given(active(500))
                .when(withdraw("w1", 497, 2, AT))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(containsString("whole available balance of 500"));
    }

    @Test
    void refuses_a_second_withdrawal_while_the_first_is_pending_naming_it() {
        fixture.given(append(active(500), requested("w1", 500, 498, 2)))
                .when(withdraw("w2", 498, 2, AT))
                .expectException(WithdrawalAlreadyRequested.class)
                .expectExceptionMessage(containsString("withdrawal w1 with payment hash " + HASH));
    }

    @Test
    void a_repeated_request_of_the_same_withdrawal_changes_nothing() {
        fixture.given(append(active(500), requested("w1", 500, 498, 2)))
                .when(withdraw("w1", 498, 2, AT))
                .expectNoEvents();
    }

    @Test
    void a_paid_withdrawal_returns_the_unspent_reserve_to_the_balance() {
        fixture.given(append(active(500), requested("w1", 500, 495, 5)))
                .when(new RecordWithdrawalPaid(SESSION, "w1", HASH, 1L, AT))
                .expectEvents(new WithdrawalPaid(SESSION, "w1", HASH, 495, 1L, 1, 4, 4, AT));
    }

    @Test
    void a_fee_the_node_did_not_report_spends_the_whole_reserve() {
        fixture.given(append(active(500), requested("w1", 500, 495, 5)))
                .when(new RecordWithdrawalPaid(SESSION, "w1", HASH, null, AT))
                .expectEvents(new WithdrawalPaid(SESSION, "w1", HASH, 495, null, 5, 0, 0, AT));
    }

    @Test
    void a_failed_withdrawal_puts_the_whole_escrow_back() {
        fixture.given(append(active(500), requested("w1", 500, 498, 2)))
                .when(new RecordWithdrawalFailed(SESSION, "w1", HASH, "no route"))
                .expectEvents(new WithdrawalFailed(SESSION, "w1", HASH, "no route", 500, 500));
    }

    @Test
    void a_withdrawal_is_settled_once() {
        fixture.given(append(active(500), requested("w1", 500, 498, 2),
                        new WithdrawalPaid(SESSION, "w1", HASH, 498, 0L, 0, 2, 2, AT)))
                .when(new RecordWithdrawalFailed(SESSION, "w1", HASH, "late failure"))
                .expectNoEvents();
    }

    @Test
    void after_a_paid_withdrawal_the_returned_reserve_alone_is_not_withdrawable_and_names_the_first() {
        fixture.given(append(active(500), requested("w1", 500, 498, 2),
                        new WithdrawalPaid(SESSION, "w1", HASH, 498, 0L, 0, 2, 2, AT)))
                .when(new CheckWithdrawal(SESSION, WINDOW, 2, AT))
                .expectException(WithdrawalAlreadyRequested.class)
                .expectExceptionMessage(containsString("nothing left to withdraw"));
    }

    @Test
    void a_closed_session_runs_no_requests_and_does_not_expire() {
        fixture.given(append(active(500), requested("w1", 500, 498, 2)))
                .when(new ReserveFunds(SESSION, "r9", REQUEST, PRICE, AT))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(containsString("closed"));
        fixture.given(append(active(500), requested("w1", 500, 498, 2)))
                .when(new ExpireSession(SESSION, EXPIRES_AT))
                .expectNoEvents();
    }

    @Test
    void an_expired_session_stays_withdrawable_for_the_window_only() {
        Object[] expired = append(active(500), new SessionExpired(SESSION, 500, "no successful request"));
        fixture.given(expired)
                .when(withdraw("w1", 495, 5, EXPIRES_AT.plus(WINDOW).minusSeconds(1)))
                .expectEvents(new WithdrawalRequested(SESSION, "w1", "invoice", "lnbcrt1withdraw", HASH, 500, 495, 5,
                        0, EXPIRES_AT.plus(WINDOW).minusSeconds(1)));
        fixture.given(expired)
                .when(withdraw("w1", 495, 5, EXPIRES_AT.plus(WINDOW)))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(containsString("withdrawable until"));
    }
}
