package dev.lnjobs.query.admin;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's dashboard figures, read from the read models: jobs by state, refunds by state, session balances
 * and the revenue against model and infra cost over time (jobs and session requests, costs converted to sats at
 * the BTC price each recorded). Withdrawals are not read models of this branch yet: the page asks for them apart.
 */
@Component
public class AdminOverview {

    /** How revenue and cost are summed over time. */
    public enum Bucket {
        HOUR(ChronoUnit.HOURS), DAY(ChronoUnit.DAYS);

        private final ChronoUnit unit;

        Bucket(ChronoUnit unit) {
            this.unit = unit;
        }

        String sqlName() {
            return name().toLowerCase();
        }
    }

    /** A count and a sum of sats. */
    public record Tally(long count, long sats) {
    }

    /** Refunds of jobs: owed but not claimed, being paid, paid, failed (claimable again). */
    public record Refunds(Tally due, Tally paying, Tally paid, Tally failed) {
    }

    /** One bucket of the chart: sats earned, and the model and infra cost of the work done, in sats. */
    public record Point(Instant start, long revenueSats, long modelCostSats, long infraCostSats) {
    }

    /** Withdrawals of sessions' balances: being paid (in escrow), paid, failed (the escrow back on the balance). */
    public record Withdrawals(Tally paying, Tally paid, Tally failed) {
    }

    public record Overview(Map<String, Long> jobsByState, Refunds refunds, Withdrawals withdrawals,
                           Map<String, Tally> sessionsByState, long sessionBalancesOwedSats, String bucket,
                           List<Point> timeline) {
    }

    private static final String SATS = " * 100000000 / NULLIF(%s, 0)";

    private final JdbcTemplate jdbc;

    public AdminOverview(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The figures now, with the timeline's last {@code buckets} buckets up to {@code now}. */
    public Overview at(Instant now, Bucket bucket, int buckets) {
        Instant since = now.truncatedTo(bucket.unit).minus(buckets - 1L, bucket.unit);
        Map<String, Tally> sessions = sessions();
        long owed = sessions.entrySet().stream().filter(e -> !e.getKey().equals("AWAITING_PAYMENT"))
                .mapToLong(e -> e.getValue().sats()).sum();
        return new Overview(jobsByState(), refunds(), withdrawals(), sessions, owed, bucket.sqlName(),
                timeline(bucket, since));
    }

    private Map<String, Long> jobsByState() {
        Map<String, Long> states = new LinkedHashMap<>();
        jdbc.query("SELECT state, count(*) FROM job_view GROUP BY state ORDER BY state",
                row -> {
                    states.put(row.getString(1), row.getLong(2));
                });
        return states;
    }

    private Refunds refunds() {
        String sql = "SELECT count(*), coalesce(sum(refund_amount_sats), 0) FROM job_cost_ledger WHERE ";
        return new Refunds(tally(sql + "refund_state = 'PENDING' AND refund_payment_hash IS NULL"),
                tally(sql + "refund_state = 'PENDING' AND refund_payment_hash IS NOT NULL"),
                tally(sql + "refund_state = 'PAID'"), tally(sql + "refund_state = 'FAILED'"));
    }

    private Withdrawals withdrawals() {
        String sql = "SELECT count(*), coalesce(sum(amount_sats), 0) FROM session_withdrawal WHERE state = ";
        return new Withdrawals(tally(sql + "'pending'"), tally(sql + "'paid'"), tally(sql + "'failed'"));
    }

    private Tally tally(String sql) {
        return jdbc.queryForObject(sql, (row, i) -> new Tally(row.getLong(1), row.getLong(2)));
    }

    private Map<String, Tally> sessions() {
        Map<String, Tally> states = new LinkedHashMap<>();
        jdbc.query("SELECT state, count(*), coalesce(sum(balance_sats), 0) FROM session_view GROUP BY state "
                + "ORDER BY state", row -> {
                    states.put(row.getString(1), new Tally(row.getLong(2), row.getLong(3)));
                });
        return states;
    }

    private List<Point> timeline(Bucket bucket, Instant since) {
        String jobs = "SELECT date_trunc('" + bucket.sqlName() + "', v.updated_at AT TIME ZONE 'UTC') AS t, "
                + "coalesce(l.actual_amount_sats, 0) + CASE WHEN v.eval_paid THEN coalesce(v.eval_amount_sats, 0) "
                + "ELSE 0 END AS revenue, coalesce(l.actual_anthropic_cost_usd" + SATS.formatted("l.btc_price_usd")
                + ", 0) AS model, coalesce(l.infra_cost_usd" + SATS.formatted("l.btc_price_usd") + ", 0) AS infra "
                + "FROM job_view v LEFT JOIN job_cost_ledger l ON l.job_id = v.job_id "
                + "WHERE v.updated_at >= ? AND (v.eval_paid OR l.actual_amount_sats IS NOT NULL)";
        String requests = "SELECT date_trunc('" + bucket.sqlName() + "', settled_at AT TIME ZONE 'UTC'), "
                + "coalesce(debited_sats, 0), coalesce((coalesce(eval_cost_usd, 0) + coalesce(work_cost_usd, 0))"
                + SATS.formatted("btc_price_usd") + ", 0), coalesce(infra_cost_usd" + SATS.formatted("btc_price_usd")
                + ", 0) FROM session_requests WHERE settled_at >= ?";
        Timestamp from = Timestamp.from(since);
        List<Point> points = new ArrayList<>();
        jdbc.query("SELECT t, sum(revenue), ceil(sum(model)), ceil(sum(infra)) FROM (" + jobs + " UNION ALL "
                + requests + ") AS spent GROUP BY t ORDER BY t", row -> {
                    points.add(new Point(row.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC),
                            row.getLong(2), row.getLong(3), row.getLong(4)));
                }, from, from);
        return points;
    }
}
