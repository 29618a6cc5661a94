package dev.lnjobs.server.lightning;

import dev.lnjobs.server.support.MovableClock;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.infra.lightning.JdbcInvoiceCheckSchedule;
import dev.lnjobs.sagas.lightning.PaymentNotices;
import dev.lnjobs.sagas.lightning.PaymentWatcher;
import dev.lnjobs.server.limits.LimitedServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The watcher on the real schedule in PostgreSQL, with more pending invoices than a sweep's batch: every one is
 * checked within its back-off bound, none starves, and each is checked at its expiry and through its late-payment
 * window. The invoices lie a
 * month ahead of the real clock, so the server's own watcher never finds them due.
 */
class PaymentWatcherFairnessTest extends LimitedServerTest {

    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(8);
    private static final Duration SWEEP_INTERVAL = Duration.ofMillis(500);
    private static final int BATCH = 50;

    @Autowired
    private JdbcTemplate jdbc;

    private final Map<String, List<Instant>> checks = new ConcurrentHashMap<>();
    private final Set<String> paidAtNode = ConcurrentHashMap.newKeySet();

    @Test
    void every_pending_invoice_is_checked_within_its_back_off_however_many_there_are() {
        Instant t0 = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        List<String> hashes = insertInvoices(t0, 260, t0.plus(Duration.ofHours(1)));
        MovableClock clock = new MovableClock(t0);
        PaymentWatcher watcher = watcher(clock);

        Instant end = t0.plus(Duration.ofSeconds(60));
        while (!clock.instant().isAfter(end)) {
            watcher.pollOnce();
            clock.advance(SWEEP_INTERVAL);
        }

        assertThat(checks.keySet()).containsAll(hashes);
        for (String hash : hashes) {
            List<Instant> times = checks.get(hash);
            assertThat(times.get(0)).isEqualTo(t0);
            Instant previous = times.get(0);
            for (Instant time : times.subList(1, times.size())) {
                assertThat(Duration.between(previous, time)).isLessThanOrEqualTo(MAX_DELAY.plus(SWEEP_INTERVAL));
                previous = time;
            }
            assertThat(Duration.between(previous, end)).isLessThanOrEqualTo(MAX_DELAY.plus(SWEEP_INTERVAL));
            // at 0, 1, 3, 7, 15 s, then every 8 s up to 55 s
            assertThat(times).hasSize(10);
        }
    }

    @Test
    void a_paid_invoice_is_confirmed_once_and_an_unpaid_one_is_checked_through_its_late_payment_window() {
        Instant t0 = Instant.now().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = t0.plus(Duration.ofSeconds(5));
        List<String> hashes = insertInvoices(t0, 2, expiry);
        paidAtNode.add(hashes.get(0));
        MovableClock clock = new MovableClock(t0);
        PaymentWatcher watcher = watcher(clock, Duration.ofSeconds(20));

        int confirmed = 0;
        while (clock.instant().isBefore(t0.plus(Duration.ofSeconds(30)))) {
            confirmed += watcher.pollOnce();
            clock.advance(SWEEP_INTERVAL);
        }

        assertThat(confirmed).isEqualTo(1);
        assertThat(checks.get(hashes.get(0))).containsExactly(t0);
        // 0, 1, 3, then not at 7 s but at the expiry (5 s), then backing off (13 s), the last at the window's end
        assertThat(checks.get(hashes.get(1))).containsExactly(t0, t0.plusSeconds(1), t0.plusSeconds(3), expiry,
                expiry.plusSeconds(8), expiry.plusSeconds(20));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM issued_invoice WHERE payment_hash IN (?, ?) "
                + "AND next_check_at IS NULL", Integer.class, hashes.get(0), hashes.get(1))).isEqualTo(2);
    }

    private PaymentWatcher watcher(Clock clock) {
        return watcher(clock, PaymentWatcher.LATE_PAYMENT_WINDOW);
    }

    private PaymentWatcher watcher(Clock clock, Duration lateWindow) {
        PaymentNotices notices = mock(PaymentNotices.class);
        when(notices.recheck(any(IssuedInvoice.class))).thenAnswer(call -> {
            IssuedInvoice invoice = call.getArgument(0);
            checks.computeIfAbsent(invoice.paymentHash(), hash -> new ArrayList<>()).add(clock.instant());
            return paidAtNode.contains(invoice.paymentHash())
                    ? PaymentNotices.Outcome.CONFIRMED : PaymentNotices.Outcome.NOT_PAID;
        });
        return new PaymentWatcher(new JdbcInvoiceCheckSchedule(jdbc), notices, clock, FIRST_DELAY, MAX_DELAY, BATCH,
                lateWindow);
    }

    private List<String> insertInvoices(Instant issuedAt, int count, Instant expiresAt) {
        List<String> hashes = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String hash = UUID.randomUUID().toString().replace("-", "") + String.format("%032x", i);
            hashes.add(hash);
            rows.add(new Object[]{hash, UUID.randomUUID().toString(), issuedAt.atOffset(ZoneOffset.UTC),
                    expiresAt.atOffset(ZoneOffset.UTC), issuedAt.atOffset(ZoneOffset.UTC)});
        }
        jdbc.batchUpdate("INSERT INTO issued_invoice (payment_hash, purpose, owner_id, amount_sats, issued_at, "
                + "expires_at, next_check_at) VALUES (?, 'JOB_EVAL', ?, 10, ?, ?, ?)", rows);
        return hashes;
    }
}
