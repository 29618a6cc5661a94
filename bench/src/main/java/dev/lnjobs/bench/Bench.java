package dev.lnjobs.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.lnjobs.bench.Report.fmt;

/**
 * The benchmark: starts the server's fat jar in a JVM of its own (stub Lightning and AI, -Xmx512m) on an embedded
 * PostgreSQL (or --database-url), loads it over HTTP from N client threads (long-polling, polling and open-loop
 * clients), measures its store and its pricing audit with the jar's own tools, and prints one table of figures
 * against the targets; with --baseline-jar the same phases also run against an older server jar, on a
 * fresh database of the same PostgreSQL, and the table shows both. Everything also goes to
 * bench/target/bench-results.json. See docs/benchmark.md.
 */
public final class Bench {

    private static final Set<String> HTTP_PHASES = Set.of("lifecycles", "creations", "reads");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Report report = new Report();
        EmbeddedPostgres embedded = null;
        String adminUrl;
        if (options.databaseUrl() == null || options.databaseUrl().isBlank()) {
            System.err.println("[bench] starting embedded PostgreSQL");
            // durable commits, as the server's own embedded PostgreSQL and a production one run (zonky turns them off)
            embedded = EmbeddedPostgres.builder().setServerConfig("max_connections", "300")
                    .setServerConfig("synchronous_commit", "on").start();
            adminUrl = embedded.getJdbcUrl("postgres", "postgres");
        } else {
            adminUrl = Databases.toJdbc(options.databaseUrl());
        }
        long postmasterPid = Databases.postmasterPid(adminUrl);
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        report.put("machine", Report.machine());
        report.put("options", options.describe(embedded != null));
        try {
            measure(options, new LaunchedServer(options, "server"), adminUrl, suffix, postmasterPid, report);
            if (options.baselineJar() != null) {
                Options baselineOptions = options.forBaseline();
                Report baseline = new Report();
                baseline.put("serverJar", options.baselineJar());
                try {
                    measure(baselineOptions, new LaunchedServer(baselineOptions, "baseline"), adminUrl,
                            suffix + "b", postmasterPid, baseline);
                    compare(report, baseline);
                } catch (Exception e) {
                    // the figures of the jar under test stay worth printing
                    System.err.println("[bench] the baseline failed: " + e);
                    baseline.put("error", String.valueOf(e));
                }
                report.baseline(baseline);
                if (options.abRounds() > 0) {
                    AbRounds.run(options, adminUrl, suffix, postmasterPid, report);
                }
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        report.print();
        report.write(options.out());
    }

    /** Every phase the options name, against one server jar, on fresh databases; the server is stopped after. */
    static void measure(Options options, LaunchedServer server, String adminUrl, String suffix,
                                long postmasterPid, Report report) throws Exception {
        System.err.println("[bench] measuring " + options.serverJar());
        try {
            String loadDb = Databases.create(adminUrl, "lnjobs_bench_" + suffix);
            if (options.phases().stream().anyMatch(HTTP_PHASES::contains)) {
                measureServer(options, server, loadDb, postmasterPid, report);
            }
            if (options.phases().contains("store")) {
                new StorePhase(options, server, report).run(adminUrl, suffix);
            }
            if (options.phases().contains("replay")) {
                new ReplayPhase(options, server, report).run(loadDb,
                        Databases.create(adminUrl, "lnjobs_replay_" + suffix));
            }
        } finally {
            server.stop();
        }
    }

    /** Start-up, then the HTTP phases against the running server, which is stopped before the store is measured. */
    private static void measureServer(Options options, LaunchedServer server, String loadDb, long postmasterPid,
                                      Report report) throws Exception {
        double startup = server.start(loadDb);
        report.put("startupSeconds", startup);
        report.row("5. start-up: process start -> /api/health 200", fmt(startup, 2) + " s", "<= 6 s", startup <= 6);
        try (LaunchedServer.Sampler sampler = server.new Sampler()) {
            LifecyclePhase lifecycles = new LifecyclePhase(options, server, postmasterPid, report);
            if (options.phases().contains("lifecycles")) {
                lifecycles.lifecycles(loadDb, sampler);
            }
            if (options.phases().contains("creations")) {
                lifecycles.creations();
            }
            if (options.phases().contains("reads")) {
                List<String> jobs = lifecycles.completedJobs();
                new ReadPhase(options, server.client(), report).run(jobs);
            }
        }
        server.stop();
    }

    /** The targets relative to the baseline: long-poll throughput at least doubled, CPU at most halved. */
    @SuppressWarnings("unchecked")
    private static void compare(Report report, Report baseline) {
        Map<String, Object> now = (Map<String, Object>) report.get("lifecycle");
        Map<String, Object> before = (Map<String, Object>) baseline.get("lifecycle");
        if (now == null || before == null) {
            return;
        }
        Map<String, Object> nowLong = (Map<String, Object>) now.get("longPoll");
        Map<String, Object> beforeLong = (Map<String, Object>) before.get("longPoll");
        double speedup = (double) nowLong.get("lifecyclesPerSecond") / (double) beforeLong.get("lifecyclesPerSecond");
        report.row("   long-poll lifecycles/s / baseline's", fmt(speedup, 2) + " x", ">= 2 x", speedup >= 2);
        double cpuNow = cpuServerAndPostgres(nowLong);
        double cpuBefore = cpuServerAndPostgres(beforeLong);
        double ratio = cpuNow / cpuBefore;
        report.row("   long-poll CPU per lifecycle (server + PostgreSQL) / baseline's", fmt(ratio * 100, 0) + " %",
                "<= 50 %", ratio <= 0.5);
        report.put("versusBaseline", Map.of("longPollSpeedup", speedup, "longPollCpuRatio", ratio));
    }

    @SuppressWarnings("unchecked")
    static double cpuServerAndPostgres(Map<String, Object> phase) {
        Map<String, Object> cpu = (Map<String, Object>) phase.get("cpuMsPerLifecycle");
        Object postgres = cpu.get("postgres");
        return (double) cpu.get("server") + (postgres == null ? (double) cpu.get("rest") : (double) postgres);
    }
}
