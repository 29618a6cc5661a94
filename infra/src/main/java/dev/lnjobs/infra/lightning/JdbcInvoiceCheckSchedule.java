package dev.lnjobs.infra.lightning;

import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.Purpose;
import dev.lnjobs.sagas.lightning.InvoiceCheckSchedule;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The watcher's schedule in two columns of the invoice projection's {@code issued_invoice} ({@code next_check_at},
 * {@code check_delay_ms}), read through a partial index in the order the checks fell due. The projection writes
 * the row and its first due time; only this schedule moves it. An invoice its owner no longer waits for
 * ({@code closed}) is still checked: a payment that lands late must be found and owed back.
 */
public class JdbcInvoiceCheckSchedule implements InvoiceCheckSchedule {

    private static final RowMapper<DueCheck> DUE = (rows, n) -> {
        long delayMs = rows.getLong("check_delay_ms");
        Duration lastDelay = rows.wasNull() ? null : Duration.ofMillis(delayMs);
        return new DueCheck(new IssuedInvoice(rows.getString("payment_hash"),
                Purpose.valueOf(rows.getString("purpose")), rows.getString("owner_id"), rows.getLong("amount_sats"),
                rows.getObject("expires_at", OffsetDateTime.class).toInstant(), rows.getBoolean("paid")), lastDelay);
    };

    private final JdbcTemplate jdbc;

    public JdbcInvoiceCheckSchedule(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<DueCheck> due(Instant now, int limit) {
        return jdbc.query("SELECT payment_hash, purpose, owner_id, amount_sats, expires_at, paid, check_delay_ms "
                + "FROM issued_invoice WHERE NOT paid AND next_check_at IS NOT NULL "
                + "AND next_check_at <= ? ORDER BY next_check_at LIMIT ?", DUE, utc(now), limit);
    }

    @Override
    public void scheduleNext(String paymentHash, Instant nextCheckAt, Duration delay) {
        jdbc.update("UPDATE issued_invoice SET next_check_at = ?, check_delay_ms = ? WHERE payment_hash = ?",
                utc(nextCheckAt), delay.toMillis(), paymentHash);
    }

    @Override
    public void finished(String paymentHash) {
        jdbc.update("UPDATE issued_invoice SET next_check_at = NULL WHERE payment_hash = ?", paymentHash);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
