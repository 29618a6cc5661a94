package dev.lnjobs.command.session;

import dev.lnjobs.api.session.SessionCommands.ExpireSession;
import dev.lnjobs.api.session.SessionCommands.RecordAddressWithdrawalFailed;
import dev.lnjobs.api.session.SessionEvents.AddressWithdrawalDue;
import dev.lnjobs.api.session.SessionEvents.AddressWithdrawalFailed;
import dev.lnjobs.api.session.SessionEvents.DepositInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.DepositPaid;
import dev.lnjobs.api.session.SessionEvents.SessionActivated;
import dev.lnjobs.api.session.SessionEvents.SessionCreated;
import dev.lnjobs.api.session.SessionEvents.SessionExpired;
import dev.lnjobs.api.session.SessionRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static dev.lnjobs.command.session.SessionFixtures.*;

/** An expired session with a refund address has its withdrawable balance sent there, once, with no claim. */
class SessionAddressWithdrawalTest {

    private static final String ADDRESS = "alice@wallet.example";
    private static final String WITHDRAWAL = UUID.nameUUIDFromBytes(("refund-address:" + SESSION)
            .getBytes(StandardCharsets.UTF_8)).toString();

    private FixtureConfiguration<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
    }

    private static Object[] activeWithAddress(long deposit) {
        return new Object[]{new SessionCreated(SESSION, deposit, TERMS, TARIFF, T0, ADDRESS),
                new DepositInvoiceIssued(SESSION, depositInvoice(deposit)),
                new DepositPaid(SESSION, DEPOSIT_HASH, deposit, deposit, PAID_AT),
                new SessionActivated(SESSION, deposit, EXPIRES_AT)};
    }

    private static SessionExpired expired(long balance) {
        return new SessionExpired(SESSION, balance, "no successful request before " + EXPIRES_AT);
    }

    @Test
    void expiring_with_a_refund_address_sends_the_balance_not_held_by_running_requests_there() {
        fixture.given(append(activeWithAddress(500), reserved("r1", PAID_AT)))
                .when(new ExpireSession(SESSION, EXPIRES_AT))
                .expectEvents(expired(500), new AddressWithdrawalDue(SESSION, WITHDRAWAL, ADDRESS,
                        500 - ESTIMATE_SATS, EXPIRES_AT));
    }

    @Test
    void expiring_without_a_refund_address_sends_nothing() {
        fixture.given(active(500))
                .when(new ExpireSession(SESSION, EXPIRES_AT))
                .expectEvents(expired(500));
    }

    @Test
    void an_address_that_failed_is_recorded_once_and_leaves_the_balance_withdrawable() {
        Object[] due = append(activeWithAddress(500), expired(500),
                new AddressWithdrawalDue(SESSION, WITHDRAWAL, ADDRESS, 500, EXPIRES_AT));
        fixture.given(due)
                .when(new RecordAddressWithdrawalFailed(SESSION, WITHDRAWAL, ADDRESS, "refused"))
                .expectEvents(new AddressWithdrawalFailed(SESSION, WITHDRAWAL, ADDRESS, "refused"));
        fixture.given(append(due, new AddressWithdrawalFailed(SESSION, WITHDRAWAL, ADDRESS, "refused")))
                .when(new RecordAddressWithdrawalFailed(SESSION, WITHDRAWAL, ADDRESS, "refused"))
                .expectNoEvents();
        fixture.given(activeWithAddress(500))
                .when(new RecordAddressWithdrawalFailed(SESSION, "other", ADDRESS, "refused"))
                .expectException(SessionRuleViolation.class);
    }
}
