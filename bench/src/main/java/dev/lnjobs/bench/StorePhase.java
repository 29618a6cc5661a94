package dev.lnjobs.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.lnjobs.bench.Report.fmt;

/**
 * Figure 3: the event store's append rate beside PostgreSQL's own single-row insert rate, each on a fresh scratch
 * database of the same PostgreSQL server, with the server under test stopped. Raw: N JDBC connections each inserting
 * a random 300-byte bytea row per autocommit transaction. Appends: the server jar's {@code append-rate} tool, N
 * writers each writing paid jobs as the job flow does (nine events in five transactions) through the server's own
 * storage engine, serializer and transactions. Both start right after a checkpoint (one falling inside a run would
 * slow only that run's writes), with {@value #WARMUP_SECONDS} s unmeasured.
 */
final class StorePhase {

    /** Each side runs this long unmeasured first, so that neither is measured while its JIT still compiles. */
    private static final int WARMUP_SECONDS = 3;
    private static final int ROUNDS = 3;

    private final Options options;
    private final LaunchedServer server;
    private final Report report;

    StorePhase(Options options, LaunchedServer server, Report report) {
        this.options = options;
        this.server = server;
        this.report = report;
    }

    /** Three rounds, each raw inserts then appends; the median round's ratio is the figure (both rates vary). */
    void run(String adminUrl, String suffix) throws Exception {
        int threads = options.clients();
        int seconds = options.storeSeconds();
        List<Map<String, Object>> rounds = new ArrayList<>();
        List<double[]> figures = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            System.err.printf("[bench] store round %d: raw single-row inserts, then event appends (append-rate), "
                    + "%d connections, %d s each%n", round, threads, seconds);
            Databases.checkpoint(adminUrl);
            double raw = rawInserts(Databases.create(adminUrl, "lnjobs_raw" + round + "_" + suffix), threads, seconds);
            Databases.checkpoint(adminUrl);
            JsonNode appends = server.command(Databases.create(adminUrl, "lnjobs_store" + round + "_" + suffix),
                    "append-rate", "--threads=" + threads, "--warmup-seconds=" + WARMUP_SECONDS,
                    "--seconds=" + seconds);
            double appendRate = appends.path("eventsPerSecond").asDouble();
            figures.add(new double[]{appendRate, raw, appendRate / raw});
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rawInsertsPerSecond", raw);
            r.put("appendRate", appends);
            r.put("ratio", appendRate / raw);
            rounds.add(r);
            System.err.printf("[bench] store round %d: %.0f appends/s vs %.0f inserts/s = %.1f %%%n", round,
                    appendRate, raw, 100 * appendRate / raw);
        }
        figures.sort((a, b) -> Double.compare(a[2], b[2]));
        double[] median = figures.get(ROUNDS / 2);
        report.put("store", Map.of("threads", threads, "seconds", seconds, "warmupSeconds", WARMUP_SECONDS,
                "rounds", rounds, "medianRatio", median[2]));
        report.row("3. event appends/s vs raw 300-byte inserts/s (" + threads + " connections, median of " + ROUNDS
                        + ")", fmt(median[0], 0) + " / " + fmt(median[1], 0) + " = " + fmt(median[2] * 100, 1) + " %",
                ">= 40 %", median[2] >= 0.4);
    }

    private static double rawInserts(String url, int threads, int seconds) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_raw_insert (id BIGSERIAL PRIMARY KEY, payload BYTEA NOT NULL)");
        }
        AtomicLong rows = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        long from = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
        long end = from + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; i < threads; i++) {
            Thread writer = new Thread(() -> {
                byte[] payload = new byte[300];
                try (Connection c = DriverManager.getConnection(url);
                     PreparedStatement p = c.prepareStatement("INSERT INTO bench_raw_insert (payload) VALUES (?)")) {
                    c.setAutoCommit(true);
                    for (long started = System.nanoTime(); started < end; started = System.nanoTime()) {
                        ThreadLocalRandom.current().nextBytes(payload);
                        p.setBytes(1, payload);
                        p.executeUpdate();
                        if (started >= from) {
                            rows.incrementAndGet();
                        }
                    }
                } catch (SQLException e) {
                    System.err.println("[bench] raw insert connection failed: " + e.getMessage());
                }
            });
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        return rows.get() / ((System.nanoTime() - from) / 1e9);
    }
}
