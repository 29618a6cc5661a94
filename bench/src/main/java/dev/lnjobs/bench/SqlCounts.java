package dev.lnjobs.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * PostgreSQL's own counters for the server's database (pg_stat_database, pg_stat_user_tables), read before and
 * after a phase: commits, rollbacks, and per table the scans (sequential and by index: a read, or the look-up of
 * an UPDATE or DELETE) and the rows inserted, updated and deleted. The statistics collector gets them from the
 * backends within about half a second, so a reading first waits a second; over thousands of lifecycles the error is
 * small. No extension is needed (pg_stat_statements is not loaded in the embedded server).
 */
record SqlCounts(long commits, long rollbacks, Map<String, long[]> tables) {

    static SqlCounts now(String jdbcUrl) throws SQLException, InterruptedException {
        Thread.sleep(1100);
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            long commits;
            long rollbacks;
            try (ResultSet r = s.executeQuery("SELECT xact_commit, xact_rollback FROM pg_stat_database "
                    + "WHERE datname = current_database()")) {
                r.next();
                commits = r.getLong(1);
                rollbacks = r.getLong(2);
            }
            Map<String, long[]> tables = new TreeMap<>();
            try (ResultSet r = s.executeQuery("SELECT relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0), "
                    + "n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables")) {
                while (r.next()) {
                    tables.put(r.getString(1), new long[]{r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)});
                }
            }
            return new SqlCounts(commits, rollbacks, tables);
        }
    }

    /**
     * The counts since {@code start}, per lifecycle (or per second, given seconds): commits, and per table with any
     * activity its four counts.
     */
    Map<String, Object> perLifecycleSince(SqlCounts start, int lifecycles) {
        double n = Math.max(1, lifecycles);
        Map<String, Object> out = new LinkedHashMap<>();
        // the bench's own readings are a handful of transactions: negligible against thousands of lifecycles
        out.put("commits", (commits - start.commits) / n);
        out.put("rollbacks", (rollbacks - start.rollbacks) / n);
        double[] sums = new double[4];
        Map<String, Object> byTable = new LinkedHashMap<>();
        tables.forEach((table, now) -> {
            long[] before = start.tables.getOrDefault(table, new long[4]);
            double[] per = new double[4];
            boolean any = false;
            for (int i = 0; i < 4; i++) {
                per[i] = (now[i] - before[i]) / n;
                sums[i] += per[i];
                any |= per[i] >= 0.005;
            }
            if (any) {
                byTable.put(table, Map.of("scans", round(per[0]), "inserted", round(per[1]),
                        "updated", round(per[2]), "deleted", round(per[3])));
            }
        });
        out.put("scans", round(sums[0]));
        out.put("inserted", round(sums[1]));
        out.put("updated", round(sums[2]));
        out.put("deleted", round(sums[3]));
        out.put("byTable", byTable);
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
