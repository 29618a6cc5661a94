package dev.lnjobs.sagas.lightning;

import dev.lnjobs.sagas.lightning.InvoiceCheckSchedule.DueCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Notices payments nobody told us about: re-checks each pending invoice, backing off from {@code firstDelay} to
 * {@code maxDelay} while it stays unpaid, and once more at its expiry (the last check, after which only its owner's
 * own expiry handling looks again). A sweep takes the invoices most overdue first, batch after batch, until none is
 * due, so no number of pending invoices starves any: each is checked within its delay plus one sweep.
 */
public class PaymentWatcher {

    private static final Logger log = LoggerFactory.getLogger(PaymentWatcher.class);
    /** How long after its expiry an invoice whose last check failed (node unreachable) is still tried. */
    private static final Duration LAST_CHECK_GRACE = Duration.ofHours(24);

    private final InvoiceCheckSchedule schedule;
    private final PaymentNotices notices;
    private final Clock clock;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final int batchSize;

    public PaymentWatcher(InvoiceCheckSchedule schedule, PaymentNotices notices, Clock clock,
                          Duration firstDelay, Duration maxDelay, int batchSize) {
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

    /** Checks one invoice and sets its next check, at the latest at its expiry. */
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
        if (expired && (outcome != null || now.isAfter(expiresAt.plus(LAST_CHECK_GRACE)))) {
            schedule.finished(hash); // the last check, after the expiry, found it unpaid
            return false;
        }
        Duration delay = check.lastDelay() == null ? firstDelay : min(check.lastDelay().multipliedBy(2), maxDelay);
        Instant next = now.plus(delay);
        schedule.scheduleNext(hash, expired || next.isBefore(expiresAt) ? next : expiresAt, delay);
        return false;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
