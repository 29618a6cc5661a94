package dev.lnjobs.query.job;

import dev.lnjobs.api.job.JobQueries.CostLedgerView;
import dev.lnjobs.api.job.JobQueries.InvoiceView;
import dev.lnjobs.api.job.JobQueries.JobView;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.job.RefundState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Reads a job's status, what {@code GET /api/jobs/{id}} shows: its view row and its cost ledger row, in one
 * statement. Read straight from the tables the two projections own, not through the query bus: a status read is
 * the hottest path of the service, and the bus's dispatch cost more than the read itself.
 */
@Component
public class JobStatusReader {

    private static final String STATUS = "SELECT v.job_id, v.state, v.request, v.eval_payment_hash, "
            + "v.eval_payment_request, v.eval_amount_sats, v.eval_expires_at, v.eval_paid, v.work_payment_hash, "
            + "v.work_payment_request, v.work_amount_sats, v.work_expires_at, v.work_paid, v.result, v.reason, "
            + "v.created_at, v.updated_at, v.version, l.job_id AS ledger_job_id, l.estimated_input_tokens, "
            + "l.estimated_output_tokens, l.eval_input_tokens, l.eval_output_tokens, l.work_input_tokens, "
            + "l.work_output_tokens, l.estimated_total_usd, l.actual_anthropic_cost_usd, l.infra_cost_usd, "
            + "l.margin_pct, l.btc_price_usd, l.btc_price_source, l.work_amount_sats AS ledger_work_amount_sats, "
            + "l.actual_amount_sats, l.refund_amount_sats, l.refund_state, l.refund_payment_hash, "
            + "l.refund_failure_reason, l.version AS ledger_version "
            + "FROM job_view v LEFT JOIN job_cost_ledger l ON l.job_id = v.job_id WHERE v.job_id = ?";

    private final JdbcTemplate jdbc;

    JobStatusReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<JobStatus> find(String jobId) {
        List<JobStatus> found = jdbc.query(STATUS, (rows, n) -> status(rows), jobId);
        return found.stream().findFirst();
    }

    private static JobStatus status(ResultSet rows) throws SQLException {
        JobView view = new JobView(rows.getString("job_id"), JobState.valueOf(rows.getString("state")),
                rows.getString("request"), invoice(rows, "eval_"), invoice(rows, "work_"), rows.getString("result"),
                rows.getString("reason"), instant(rows, "created_at"), instant(rows, "updated_at"));
        CostLedgerView ledger = rows.getString("ledger_job_id") == null ? null : ledger(rows);
        // both rows are written in the transaction of the job's event: the later of the two is the last event the
        // answer shows, so the version changes exactly when one of the rows does
        long version = ledger == null ? rows.getLong("version")
                : Math.max(rows.getLong("version"), rows.getLong("ledger_version"));
        return new JobStatus(view, ledger, Long.toString(version));
    }

    private static InvoiceView invoice(ResultSet rows, String prefix) throws SQLException {
        String hash = rows.getString(prefix + "payment_hash");
        return hash == null ? null : new InvoiceView(hash, rows.getString(prefix + "payment_request"),
                rows.getLong(prefix + "amount_sats"), instant(rows, prefix + "expires_at"),
                rows.getBoolean(prefix + "paid"));
    }

    private static CostLedgerView ledger(ResultSet rows) throws SQLException {
        String refundState = rows.getString("refund_state");
        return new CostLedgerView(rows.getString("ledger_job_id"), longOrNull(rows, "estimated_input_tokens"),
                longOrNull(rows, "estimated_output_tokens"), longOrNull(rows, "eval_input_tokens"),
                longOrNull(rows, "eval_output_tokens"), longOrNull(rows, "work_input_tokens"),
                longOrNull(rows, "work_output_tokens"), rows.getBigDecimal("estimated_total_usd"),
                rows.getBigDecimal("actual_anthropic_cost_usd"), rows.getBigDecimal("infra_cost_usd"),
                rows.getBigDecimal("margin_pct"), rows.getBigDecimal("btc_price_usd"),
                rows.getString("btc_price_source"), longOrNull(rows, "ledger_work_amount_sats"),
                longOrNull(rows, "actual_amount_sats"), longOrNull(rows, "refund_amount_sats"),
                refundState == null ? null : RefundState.valueOf(refundState), rows.getString("refund_payment_hash"),
                rows.getString("refund_failure_reason"));
    }

    private static Long longOrNull(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
