package dev.lnjobs.sagas.lightning;

import dev.lnjobs.sagas.lightning.InvoiceCheckSchedule.DueCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Notices payments nobody told us about: re-checks each unpaid invoice, backing off from {@code firstDelay} to
 * {@code maxDelay} while it stays unpaid, once at its expiry, and then on through the late-payment window (default
 * {@link #LATE_PAYMENT_WINDOW}), backing off further to {@link #LATE_MAX_DELAY}, with a last check at the window's
 * end: a payment can still settle after its invoice expired (an HTLC accepted just before, a node that reports it
 * late), and its owner then owes it back, so its owner having expired or failed does not stop the checks. A sweep
 * takes the invoices most overdue first, batch after batch, until none is due, so no number of pending invoices
 * starves any: each is checked within its delay plus one sweep. A job's invoice found unpaid at or after its expiry
 * expires the job (the sweep that replaces a deadline per invoice).
 */
public class PaymentWatcher {

    private static final Logger log = LoggerFactory.getLogger(PaymentWatcher.class);
    /** How long after its expiry an invoice whose last check failed (node unreachable) is still tried. */
    private static final Duration LAST_CHECK_GRACE = Duration.ofHours(24);
    /** How long after its expiry an unpaid invoice is still checked for a payment that settles late. */
    public static final Duration LATE_PAYMENT_WINDOW = Duration.ofHours(24);
    /** The longest wait between two checks after the expiry: about 30 checks per abandoned invoice in all. */
    public static final Duration LATE_MAX_DELAY = Duration.ofHours(1);

    private final InvoiceCheckSchedule schedule;
    private final PaymentNotices notices;
    private final Clock clock;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final int batchSize;
    private final Duration lateWindow;

    public PaymentWatcher(InvoiceCheckSchedule schedule, PaymentNotices notices, Clock clock,
                          Duration firstDelay, Duration maxDelay, int batchSize) {
        this(schedule, notices, clock, firstDelay, maxDelay, batchSize, LATE_PAYMENT_WINDOW);
    }

    public PaymentWatcher(InvoiceCheckSchedule schedule, PaymentNotices notices, Clock clock,
                          Duration firstDelay, Duration maxDelay, int batchSize, Duration lateWindow) {
        this.lateWindow = lateWindow;
        this.schedule = schedule;
        this.notices = notices;
        this.clock = clock;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.batchSize = batchSize;
    }

    /** One sweep over every invoice due; answers how many payments it confirmed. */
    public int pollOnce() {
        // due as of the sweep's start: every check moves its invoice past it, so the sweep ends
        Instant sweepStart = clock.instant();
        int confirmed = 0;
        List<DueCheck> due;
        do {
            due = schedule.due(sweepStart, batchSize);
            for (DueCheck check : due) {
                confirmed += check(check, clock.instant()) ? 1 : 0;
            }
        } while (due.size() == batchSize);
        return confirmed;
    }

    /** Checks one invoice and sets its next check, at the latest at its expiry, then at its window's end. */
    private boolean check(DueCheck check, Instant now) {
        String hash = check.invoice().paymentHash();
        Instant expiresAt = check.invoice().expiresAt();
        PaymentNotices.Outcome outcome;
        try {
            outcome = notices.recheck(check.invoice());
        } catch (RuntimeException e) {
            log.warn("Could not re-check invoice {}: {}", hash, e.getMessage());
            outcome = null;
        }
        if (outcome == PaymentNotices.Outcome.CONFIRMED || outcome == PaymentNotices.Outcome.ALREADY_PAID) {
            schedule.finished(hash);
            return outcome == PaymentNotices.Outcome.CONFIRMED;
        }
        boolean expired = !now.isBefore(expiresAt);
        if (expired && outcome == PaymentNotices.Outcome.NOT_PAID) {
            expireOwner(check);
        }
        Instant windowEnd = expiresAt.plus(lateWindow);
        if (!now.isBefore(windowEnd) && (outcome != null || now.isAfter(windowEnd.plus(LAST_CHECK_GRACE)))) {
            schedule.finished(hash); // the last check, at the late-payment window's end, found it unpaid
            return false;
        }
        Duration cap = expired ? LATE_MAX_DELAY : maxDelay;
        Duration delay = check.lastDelay() == null ? firstDelay : min(check.lastDelay().multipliedBy(2), cap);
        Instant next = now.plus(delay);
        Instant bound = expired ? windowEnd : expiresAt;
        schedule.scheduleNext(hash, !now.isBefore(windowEnd) || next.isBefore(bound) ? next : bound, delay);
        return false;
    }

    /** Unpaid at its expiry: its job expires (a no-op when the job moved on; the next check repeats a failure). */
    private void expireOwner(DueCheck check) {
        try {
            notices.expiredUnpaid(check.invoice());
        } catch (RuntimeException e) {
            log.warn("Could not expire the owner of invoice {}: {}", check.invoice().paymentHash(), e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
