package dev.lnjobs.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.lnjobs.bench.Report.fmt;

/**
 * Figure 4: the pricing audit's replay. The events the server appended during the run are copied, under fresh job
 * and event ids, into a database of their own until it holds at least --replay-events; then the server jar's
 * {@code audit-pricing} tool replays it three times (each a fresh JVM, so the first pays for the JIT). Its report
 * gives events per second; every copy must audit clean.
 */
final class ReplayPhase {

    private static final int RUNS = 3;

    private final Options options;
    private final LaunchedServer server;
    private final Report report;

    ReplayPhase(Options options, LaunchedServer server, Report report) {
        this.options = options;
        this.server = server;
        this.report = report;
    }

    void run(String loadDb, String replayDb) throws Exception {
        long events = fill(loadDb, replayDb);
        if (events == 0) {
            report.row("4. pricing audit replay", "no events to copy (run the lifecycles phase)", ">= 50,000 events/s",
                    false);
            return;
        }
        Map<String, Object> runs = new LinkedHashMap<>();
        double best = 0;
        long mismatches = 0;
        for (int run = 1; run <= RUNS; run++) {
            JsonNode audit = server.command(replayDb, "audit-pricing");
            double rate = audit.path("eventsPerSecond").asDouble();
            best = Math.max(best, rate);
            mismatches += audit.path("mismatchCount").asLong();
            runs.put("run" + run, Map.of("eventsRead", audit.path("eventsRead").asLong(), "jobsAudited",
                    audit.path("jobsAudited").asLong(), "elapsedMillis", audit.path("elapsedMillis").asLong(),
                    "eventsPerSecond", rate, "mismatchCount", audit.path("mismatchCount").asLong()));
            System.err.printf("[bench] audit run %d: %d events, %.0f events/s, %d mismatches%n", run,
                    audit.path("eventsRead").asLong(), rate, audit.path("mismatchCount").asLong());
        }
        report.put("replay", Map.of("storeEvents", events, "runs", runs, "bestEventsPerSecond", best,
                "measures", "java -jar server.jar audit-pricing on a copy of the run's events, best of " + RUNS
                        + " fresh JVMs"));
        report.row("4. pricing audit replay over " + fmt(events, 0) + " events (best of " + RUNS + ")",
                fmt(best, 0) + " events/s" + (mismatches > 0 ? " (" + mismatches + " MISMATCHES)" : ""),
                ">= 50,000 /s", best >= 50_000 && mismatches == 0);
    }

    /** Copies the load database's events, job by job under new ids, until the replay store is big enough. */
    private long fill(String loadDb, String replayDb) throws Exception {
        List<Object[]> template = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(loadDb); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT aggregate_identifier, sequence_number, type, meta_data, payload, "
                     + "payload_revision, payload_type, time_stamp FROM domain_event_entry ORDER BY global_index")) {
            while (r.next()) {
                template.add(new Object[]{r.getString(1), r.getLong(2), r.getString(3), r.getBytes(4),
                        r.getBytes(5), r.getString(6), r.getString(7), r.getString(8)});
            }
        }
        if (template.isEmpty()) {
            return 0;
        }
        System.err.printf("[bench] filling the replay store with >= %d events from %d real ones%n",
                options.replayEvents(), template.size());
        long filled = 0;
        try (Connection c = DriverManager.getConnection(replayDb)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE domain_event_entry (global_index BIGSERIAL NOT NULL, "
                        + "aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, "
                        + "type VARCHAR(255), event_identifier VARCHAR(255) NOT NULL, meta_data BYTEA, "
                        + "payload BYTEA NOT NULL, payload_revision VARCHAR(255), payload_type VARCHAR(255) NOT NULL,"
                        + " time_stamp VARCHAR(255) NOT NULL, PRIMARY KEY (global_index), "
                        + "UNIQUE (aggregate_identifier, sequence_number), UNIQUE (event_identifier))");
            }
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO domain_event_entry (aggregate_identifier, "
                    + "sequence_number, type, event_identifier, meta_data, payload, payload_revision, payload_type, "
                    + "time_stamp) VALUES (?,?,?,?,?,?,?,?,?)")) {
                int batch = 0;
                while (filled < options.replayEvents()) {
                    Map<String, String> renamed = new HashMap<>();
                    for (Object[] e : template) {
                        String oldId = (String) e[0];
                        String newId = renamed.computeIfAbsent(oldId, k -> UUID.randomUUID().toString());
                        String payload = new String((byte[]) e[4], StandardCharsets.UTF_8).replace(oldId, newId);
                        p.setString(1, newId);
                        p.setLong(2, (Long) e[1]);
                        p.setString(3, (String) e[2]);
                        p.setString(4, UUID.randomUUID().toString());
                        p.setBytes(5, (byte[]) e[3]);
                        p.setBytes(6, payload.getBytes(StandardCharsets.UTF_8));
                        p.setString(7, (String) e[5]);
                        p.setString(8, (String) e[6]);
                        p.setString(9, (String) e[7]);
                        p.addBatch();
                        filled++;
                        if (++batch == 1000) {
                            p.executeBatch();
                            c.commit();
                            batch = 0;
                        }
                    }
                }
                p.executeBatch();
                c.commit();
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE domain_event_entry");
            }
        }
        return filled;
    }
}
