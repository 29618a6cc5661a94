package dev.lnjobs.command.session;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionEvents.DepositInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.DepositPaid;
import dev.lnjobs.api.session.SessionEvents.FundsReserved;
import dev.lnjobs.api.session.SessionEvents.RequestSettled;
import dev.lnjobs.api.session.SessionEvents.SessionActivated;
import dev.lnjobs.api.session.SessionEvents.SessionCreated;
import dev.lnjobs.api.session.SessionEvents.SessionPaused;
import dev.lnjobs.api.session.SessionTerms;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;

/**
 * The events of a session at each stage, for given/when/then tests. The request "What is a satoshi?" is reserved
 * at 131 sats and, with the stub model's token counts below, costs 126 (see {@link SessionPricingTest}).
 */
final class SessionFixtures {

    static final String SESSION = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    static final Tariff TARIFF = Tariff.defaults();
    static final SessionTerms TERMS = SessionTerms.defaults();
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    static final Instant PAID_AT = T0.plusSeconds(30);
    static final Instant EXPIRES_AT = PAID_AT.plus(TERMS.expiry());
    static final String DEPOSIT_HASH = "a".repeat(64);
    static final String TOPUP_HASH = "b".repeat(64);
    static final String TOPUP = "topup-1";
    static final BtcPrice PRICE = new BtcPrice(new BigDecimal("100000"), BtcPrice.Source.FALLBACK, T0);
    static final String REQUEST = "What is a satoshi?";
    static final long ESTIMATE_SATS = 131;
    static final long ACTUAL_SATS = 126;
    static final TokenUsage EVAL_USAGE = new TokenUsage(35, 20);
    static final TokenUsage WORK_USAGE = new TokenUsage(55, 9);

    private SessionFixtures() {
    }

    static Invoice depositInvoice(long sats) {
        return new Invoice(DEPOSIT_HASH, "lnbcrt" + sats + "deposit", sats, T0.plusSeconds(3600));
    }

    static Invoice topUpInvoice(long sats) {
        return new Invoice(TOPUP_HASH, "lnbcrt" + sats + "topup", sats, PAID_AT.plusSeconds(3600));
    }

    static Object[] created(long deposit) {
        return new Object[]{new SessionCreated(SESSION, deposit, TERMS, TARIFF, T0)};
    }

    static Object[] awaitingPayment(long deposit) {
        return append(created(deposit), new DepositInvoiceIssued(SESSION, depositInvoice(deposit)));
    }

    static Object[] active(long deposit) {
        return append(awaitingPayment(deposit), new DepositPaid(SESSION, DEPOSIT_HASH, deposit, deposit, PAID_AT),
                new SessionActivated(SESSION, deposit, EXPIRES_AT));
    }

    static FundsReserved reserved(String requestId, Instant at) {
        return new FundsReserved(SESSION, requestId, REQUEST, SessionPricing.estimate(REQUEST, TARIFF, PRICE),
                ESTIMATE_SATS, at);
    }

    /** A completed request at the stub's cost, settled at {@code at}, leaving {@code balanceAfter}. */
    static RequestSettled settled(String requestId, long balanceAfter, Instant at) {
        return new RequestSettled(SESSION, requestId, RequestState.COMPLETE, "answer", "fine",
                SessionPricing.completed(EVAL_USAGE, WORK_USAGE, TARIFF, PRICE), ESTIMATE_SATS, ACTUAL_SATS, 0,
                balanceAfter, at.plus(TERMS.expiry()), at);
    }

    /** Deposit 300, two requests at 126: 48 sats left, below the minimum of 50. */
    static Object[] paused() {
        Instant r1 = PAID_AT.plusSeconds(10);
        Instant r2 = PAID_AT.plusSeconds(20);
        return append(active(300), reserved("r1", r1), settled("r1", 174, r1), reserved("r2", r2),
                settled("r2", 48, r2), new SessionPaused(SESSION, 48, 50));
    }

    static Object[] append(Object[] events, Object... next) {
        Object[] all = Arrays.copyOf(events, events.length + next.length);
        System.arraycopy(next, 0, all, events.length, next.length);
        return all;
    }
}
