package dev.lnjobs.query.admin;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Jobs, session requests, sessions and bootstraps that have not moved for longer than their state can take when
 * everything works: an unpaid invoice past its expiry that was not expired, a model step or a provisioning past its
 * bound. Each is a sign of a failing handler (its processor retries it with back-off) or of a lost deadline; the
 * operator finds them here instead of in a customer's complaint.
 */
@Component
public class StuckItems {

    /** Past an invoice's expiry, how long its expiry deadline may take to fire (the scheduler polls, nodes fail). */
    public static final Duration EXPIRY_GRACE = Duration.ofMinutes(5);
    /** A model step: a 90 s call, retried with back-off a few times. */
    public static final Duration MODEL_STEP_BOUND = Duration.ofMinutes(15);
    /** Droplet creation, boot and the node's first report. */
    public static final Duration PROVISIONING_BOUND = Duration.ofMinutes(45);

    /** One item: what it is, its id, its state, since when it has been in it, and why that is too long. */
    public record StuckItem(String kind, String id, String state, Instant since, String expected) {
    }

    private final JdbcTemplate jdbc;

    public StuckItems(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every stuck item at {@code now}, the longest stuck first. */
    public List<StuckItem> at(Instant now) {
        Timestamp expiredBefore = Timestamp.from(now.minus(EXPIRY_GRACE));
        Timestamp modelBefore = Timestamp.from(now.minus(MODEL_STEP_BOUND));
        Timestamp provisioningBefore = Timestamp.from(now.minus(PROVISIONING_BOUND));
        List<StuckItem> items = new ArrayList<>();
        items.addAll(query("job", "SELECT job_id, state, updated_at FROM job_view WHERE "
                        + "(state = 'AWAITING_EVAL_PAYMENT' AND eval_expires_at < ?) "
                        + "OR (state = 'AWAITING_WORK_PAYMENT' AND work_expires_at < ?)",
                "expired within " + EXPIRY_GRACE + " of its invoice's expiry", expiredBefore, expiredBefore));
        items.addAll(query("job", "SELECT job_id, state, updated_at FROM job_view WHERE "
                        + "state IN ('EVALUATING', 'EXECUTING') AND updated_at < ?",
                "a model step within " + MODEL_STEP_BOUND, modelBefore));
        items.addAll(query("session-request", "SELECT request_id, state, created_at FROM session_requests WHERE "
                + "state = 'RUNNING' AND created_at < ?", "settled within " + MODEL_STEP_BOUND, modelBefore));
        items.addAll(query("session", "SELECT session_id, state, updated_at FROM session_view WHERE "
                        + "(state = 'AWAITING_PAYMENT' AND deposit_expires_at < ?) "
                        + "OR (state IN ('ACTIVE', 'PAUSED') AND expires_at < ?)",
                "expired within " + EXPIRY_GRACE + " of its expiry", expiredBefore, expiredBefore));
        items.addAll(query("bootstrap", "SELECT bootstrap_id, state, updated_at FROM bootstrap_view WHERE "
                        + "state = 'PROVISIONING' AND updated_at < ?",
                "ready or failed within " + PROVISIONING_BOUND, provisioningBefore));
        items.sort(Comparator.comparing(StuckItem::since));
        return items;
    }

    private List<StuckItem> query(String kind, String sql, String expected, Object... parameters) {
        return jdbc.query(sql, (row, i) -> new StuckItem(kind, row.getString(1), row.getString(2),
                row.getTimestamp(3).toInstant(), expected), parameters);
    }
}
