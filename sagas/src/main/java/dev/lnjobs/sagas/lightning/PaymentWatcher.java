package dev.lnjobs.sagas.lightning;

import dev.lnjobs.api.lightning.InvoiceQueries.FindPendingInvoices;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.PendingInvoices;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notices payments nobody told us about: re-checks each pending invoice, backing off from {@code firstDelay}
 * to {@code maxDelay} while it stays unpaid. The list of pending invoices is persistent; only the back-off
 * schedule lives in memory, so a restart merely checks everything once more.
 */
public class PaymentWatcher {

    private static final Logger log = LoggerFactory.getLogger(PaymentWatcher.class);

    private final QueryGateway queries;
    private final PaymentNotices notices;
    private final Clock clock;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final int batchSize;
    private final Map<String, Backoff> schedule = new ConcurrentHashMap<>();

    private record Backoff(Instant nextCheck, Duration delay) {
    }

    public PaymentWatcher(QueryGateway queries, PaymentNotices notices, Clock clock,
                          Duration firstDelay, Duration maxDelay, int batchSize) {
        this.queries = queries;
        this.notices = notices;
        this.clock = clock;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.batchSize = batchSize;
    }

    /** One sweep; answers how many payments it confirmed. */
    public int pollOnce() {
        Instant now = clock.instant();
        List<IssuedInvoice> pending = queries.query(new FindPendingInvoices(now, batchSize),
                ResponseTypes.instanceOf(PendingInvoices.class)).join().invoices();
        Set<String> stillPending = new HashSet<>();
        int confirmed = 0;
        for (IssuedInvoice invoice : pending) {
            stillPending.add(invoice.paymentHash());
            Backoff backoff = schedule.get(invoice.paymentHash());
            if (backoff != null && now.isBefore(backoff.nextCheck())) {
                continue;
            }
            try {
                if (notices.recheck(invoice) == PaymentNotices.Outcome.CONFIRMED) {
                    confirmed++;
                    schedule.remove(invoice.paymentHash());
                    continue;
                }
            } catch (RuntimeException e) {
                log.warn("Could not re-check invoice {}: {}", invoice.paymentHash(), e.getMessage());
            }
            Duration delay = backoff == null ? firstDelay : min(backoff.delay().multipliedBy(2), maxDelay);
            schedule.put(invoice.paymentHash(), new Backoff(now.plus(delay), delay));
        }
        schedule.keySet().retainAll(stillPending);
        return confirmed;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
