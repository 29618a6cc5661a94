package dev.lnjobs.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.util.List;
import java.util.Set;

import static dev.lnjobs.bench.Report.fmt;

/**
 * The benchmark: starts the server's fat jar in a JVM of its own (stub Lightning and AI, -Xmx512m) on an embedded
 * PostgreSQL (or --database-url), loads it over HTTP from N client threads, measures its store and its pricing
 * audit with the jar's own tools, and prints one table of figures against the targets; everything also
 * goes to bench/target/bench-results.json. See docs/benchmark.md.
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
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        report.put("machine", Report.machine());
        report.put("options", options.describe(embedded != null));
        LaunchedServer server = new LaunchedServer(options);
        try {
            String loadDb = Databases.create(adminUrl, "lnjobs_bench_" + suffix);
            if (options.phases().stream().anyMatch(HTTP_PHASES::contains)) {
                measureServer(options, server, loadDb, report);
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
            if (embedded != null) {
                embedded.close();
            }
        }
        report.print();
        report.write(options.out());
    }

    /** Start-up, then the HTTP phases against the running server, which is stopped before the store is measured. */
    private static void measureServer(Options options, LaunchedServer server, String loadDb, Report report)
            throws Exception {
        double startup = server.start(loadDb);
        report.put("startupSeconds", startup);
        report.row("5. start-up: process start -> /api/health 200", fmt(startup, 2) + " s", "<= 6 s", startup <= 6);
        try (LaunchedServer.Sampler sampler = server.new Sampler()) {
            LifecyclePhase lifecycles = new LifecyclePhase(options, server, report);
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
}
