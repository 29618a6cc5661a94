package dev.lnjobs.bench;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static dev.lnjobs.bench.Report.fmt;
import static dev.lnjobs.bench.Report.micros;
import static dev.lnjobs.bench.Report.millis;

/**
 * Figure 1 (and 5): whole job lifecycles ({@link Lifecycle}) from N clients in a closed loop, watching by long poll
 * and then by polling at each --poll-ms interval; then an open loop at a share of the long-poll capacity; each with
 * the latency from each stub payment to the job's next state and the CPU it cost. Then figure 2's creations alone.
 */
final class LifecyclePhase {

    private static final int IDLE_SECONDS = 5;

    private final Options options;
    private final LaunchedServer server;
    private final long postmasterPid;
    private final Client client;
    private final Report report;
    private final ConcurrentLinkedQueue<String> completed = new ConcurrentLinkedQueue<>();

    LifecyclePhase(Options options, LaunchedServer server, long postmasterPid, Report report) {
        this.options = options;
        this.server = server;
        this.postmasterPid = postmasterPid;
        this.client = server.client();
        this.report = report;
    }

    /** The jobs the measured lifecycles completed, for the status reads. */
    List<String> completedJobs() {
        return List.copyOf(completed);
    }

    void lifecycles(String loadDb, LaunchedServer.Sampler sampler) throws Exception {
        System.err.printf("[bench] warm-up: %d s of lifecycles%n", options.warmupSeconds());
        ClientThreads.runFor(options.clients(), options.warmupSeconds(), Lifecycle.HISTOGRAMS,
                new Lifecycle(client, 0, new ConcurrentLinkedQueue<>()));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("idle", idle(loadDb));
        sampler.reset();
        long eventsBefore = Databases.countEvents(loadDb);
        long t0 = System.nanoTime();
        Map<String, Object> longPoll = closedLoop("long poll", 0, loadDb);
        long appended = Databases.countEvents(loadDb) - eventsBefore;
        longPoll.put("eventsAppendedPerSecond", appended / ((System.nanoTime() - t0) / 1e9));
        long hwm = server.procStatusKb("VmHWM");
        longPoll.put("peakHeapMiB", sampler.peakHeapBytes() / 1048576.0);
        longPoll.put("peakRssMiBSampled", sampler.peakRssKb() / 1024.0);
        longPoll.put("vmHwmMiB", hwm / 1024.0);
        results.put("longPoll", longPoll);
        report.row("5. peak heap under long-poll lifecycle load (sampled 4/s)",
                fmt(sampler.peakHeapBytes() / 1048576.0, 0) + " MiB", "<= 512 MiB",
                sampler.peakHeapBytes() <= 512L * 1048576);
        report.row("5. peak RSS (VmHWM, whole process life so far)", fmt(hwm / 1024.0, 0) + " MiB", "-", null);
        double capacity = (double) longPoll.get("lifecyclesPerSecond");
        for (int pollMs : options.pollIntervals()) {
            Map<String, Object> polling = closedLoop("polling every " + pollMs + " ms", pollMs, loadDb);
            double share = (double) polling.get("lifecyclesPerSecond") / Math.max(capacity, 1e-9);
            polling.put("shareOfLongPoll", share);
            report.row("   lifecycles/s polling every " + pollMs + " ms / long poll's", fmt(share * 100, 0) + " %",
                    pollMs == 2 ? ">= 80 %" : "-", pollMs == 2 ? share >= 0.8 : null);
            results.put("poll" + pollMs + "ms", polling);
        }
        if (options.openLoopSeconds() > 0) {
            results.put("openLoop", openLoop(capacity * options.openLoopShare()));
        }
        report.put("lifecycle", results);
    }

    /**
     * The server with no client for {@link #IDLE_SECONDS}: what its processors' claim extensions, the deadline
     * scheduler's polling, the payment watcher and the store's cross-node fetches cost per second whatever the load
     * (at low rates a large part of the cost per lifecycle).
     */
    private Map<String, Object> idle(String loadDb) throws Exception {
        System.err.printf("[bench] idle: %d s%n", IDLE_SECONDS);
        SqlCounts sqlBefore = SqlCounts.now(loadDb);
        CpuTimes cpuBefore = CpuTimes.now(server.pid(), postmasterPid);
        Thread.sleep(IDLE_SECONDS * 1000L);
        CpuTimes cpu = CpuTimes.now(server.pid(), postmasterPid).since(cpuBefore);
        Map<String, Object> sql = SqlCounts.now(loadDb).perLifecycleSince(sqlBefore, IDLE_SECONDS);
        sql.remove("byTable");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seconds", IDLE_SECONDS);
        r.put("serverCpuMsPerSecond", cpu.server() / CpuTimes.TICKS_PER_SECOND * 1000 / IDLE_SECONDS);
        r.put("serverJitCpuMsPerSecond", cpu.serverJit() / CpuTimes.TICKS_PER_SECOND * 1000 / IDLE_SECONDS);
        r.put("postgresCpuMsPerSecond", cpu.postgres() < 0 ? null
                : cpu.postgres() / CpuTimes.TICKS_PER_SECOND * 1000 / IDLE_SECONDS);
        r.put("sqlPerSecond", sql);
        report.row("   idle server: CPU ms/s server (JIT compiling) / PostgreSQL; commits/s", fmt(
                (double) r.get("serverCpuMsPerSecond"), 1) + " (" + fmt((double) r.get("serverJitCpuMsPerSecond"), 1)
                + ") / " + (cpu.postgres() < 0 ? "?" : fmt(
                (double) r.get("postgresCpuMsPerSecond"), 1)) + "; " + fmt((double) sql.get("commits"), 1), "-", null);
        return r;
    }

    /** The closed loop: N clients each running lifecycles back to back for --lifecycle-seconds. */
    private Map<String, Object> closedLoop(String watching, int pollMs, String loadDb) throws Exception {
        System.err.printf("[bench] lifecycles, %s: %d s with %d clients%n", watching, options.lifecycleSeconds(),
                options.clients());
        completed.clear();
        SqlCounts sqlBefore = SqlCounts.now(loadDb);
        CpuTimes cpuBefore = CpuTimes.now(server.pid(), postmasterPid);
        long t0 = System.nanoTime();
        ClientThreads run = ClientThreads.runFor(options.clients(), options.lifecycleSeconds(), Lifecycle.HISTOGRAMS,
                new Lifecycle(client, pollMs, completed));
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuTimes cpu = CpuTimes.now(server.pid(), postmasterPid).since(cpuBefore);
        double perSecond = run.completed() / seconds;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("watch", watching);
        r.put("clients", options.clients());
        r.put("lifecycles", run.completed());
        r.put("failed", run.failures());
        r.put("errors", run.errors());
        r.put("seconds", seconds);
        r.put("lifecyclesPerSecond", perSecond);
        String name = "1. " + watching + " (" + options.clients() + " clients)";
        report.row(name + ": lifecycles/s", fmt(perSecond, 1) + " /s", "-", null);
        latencies(r, name, run.histogram(Lifecycle.NOTICE), run.histogram(Lifecycle.SETTLED),
                run.histogram(Lifecycle.LIFECYCLE), run.histogram(Lifecycle.CREATE),
                pollMs == 2 ? "p99 <= 100 ms" : "-", pollMs == 2 ? 100.0 : null);
        cpu(r, name, cpu, run.completed(), seconds);
        // read after the CPU: the collector's second of delay would otherwise count the idle machine
        Map<String, Object> sql = SqlCounts.now(loadDb).perLifecycleSince(sqlBefore, run.completed());
        r.put("sqlPerLifecycle", sql);
        report.row(name + ": per lifecycle, commits / table scans / rows written", fmt((double) sql.get("commits"), 1)
                + " / " + fmt((double) sql.get("scans"), 1) + " / " + fmt((double) sql.get("inserted")
                + (double) sql.get("updated") + (double) sql.get("deleted"), 1), "-", null);
        return r;
    }

    /** The open loop: lifecycles started at a fixed rate, each on its own thread, watching by long poll. */
    private Map<String, Object> openLoop(double rate) throws Exception {
        System.err.printf("[bench] lifecycles, open loop: %.1f/s for %d s%n", rate, options.openLoopSeconds());
        completed.clear();
        CpuTimes cpuBefore = CpuTimes.now(server.pid(), postmasterPid);
        long t0 = System.nanoTime();
        OpenLoop run = OpenLoop.run(rate, options.openLoopSeconds(), Lifecycle.HISTOGRAMS,
                new Lifecycle(client, 0, completed));
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuTimes cpu = CpuTimes.now(server.pid(), postmasterPid).since(cpuBefore);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("watch", "long poll");
        r.put("targetPerSecond", rate);
        r.put("shareOfLongPollCapacity", options.openLoopShare());
        r.put("started", run.started());
        r.put("lifecycles", run.completed());
        r.put("failed", run.failures());
        r.put("errors", run.errors());
        r.put("maxInFlight", run.maxInFlight());
        r.put("seconds", seconds);
        r.put("lifecyclesPerSecond", run.completed() / seconds);
        String name = "1. open loop at " + fmt(options.openLoopShare() * 100, 0) + " % of long-poll capacity";
        report.row(name + ": lifecycles started / completed per s", fmt(rate, 1) + " / "
                + fmt(run.completed() / seconds, 1) + " /s", "-", null);
        latencies(r, name, run.histogram(Lifecycle.NOTICE), run.histogram(Lifecycle.SETTLED),
                run.histogram(Lifecycle.LIFECYCLE), run.histogram(Lifecycle.CREATE), "p99 <= 50 ms", 50.0);
        cpu(r, name, cpu, run.completed(), seconds);
        return r;
    }

    private void latencies(Map<String, Object> r, String name, Histogram notice, Histogram settled,
                           Histogram lifecycle, Histogram create, String target, Double p99Bound) {
        r.put("paymentNoticeToNextStateMs", millis(notice));
        r.put("paymentNoticeToNextPayableOrFinalStateMs", millis(settled));
        r.put("lifecycleMs", millis(lifecycle));
        r.put("createMs", millis(create));
        report.row(name + ": payment notice -> next state p50 / p99 / max", Report.p50p99max(notice), target,
                p99Bound == null ? null : notice.getValueAtPercentile(99) / 1000.0 <= p99Bound);
    }

    private void cpu(Map<String, Object> r, String name, CpuTimes cpu, int done, double seconds) {
        double serverMs = cpuMsPer(cpu.server(), done);
        double jitMs = cpuMsPer(cpu.serverJit(), done);
        Double postgresMs = cpu.postgres() < 0 ? null : cpuMsPer(cpu.postgres(), done);
        double benchMs = cpuMsPer(cpu.bench(), done);
        double restMs = cpuMsPer(cpu.rest(), done);
        double busy = cpu.machineBusy() / CpuTimes.TICKS_PER_SECOND / seconds
                / Runtime.getRuntime().availableProcessors();
        Map<String, Object> perLifecycle = new LinkedHashMap<>();
        perLifecycle.put("server", serverMs);
        perLifecycle.put("serverJitCompiling", jitMs); // part of server
        perLifecycle.put("postgres", postgresMs);
        perLifecycle.put("benchClients", benchMs);
        perLifecycle.put("rest", restMs);
        perLifecycle.put("machineBusyShare", busy);
        r.put("cpuMsPerLifecycle", perLifecycle);
        report.row(name + ": CPU ms per lifecycle, server (JIT compiling) / PostgreSQL / bench / rest (busy)",
                fmt(serverMs, 2) + " (" + fmt(jitMs, 2) + ") / " + (postgresMs == null ? "?" : fmt(postgresMs, 2))
                        + " / " + fmt(benchMs, 2) + " / " + fmt(restMs, 2) + " (" + fmt(busy * 100, 0) + " %)",
                "-", null);
    }

    void creations() throws Exception {
        System.err.printf("[bench] creations: %d with %d clients%n", options.creates(), options.clients());
        long t0 = System.nanoTime();
        ClientThreads run = ClientThreads.run(options.clients(), options.creates(), 1, histograms -> {
            long start = System.nanoTime();
            Lifecycle.createJob(client);
            histograms[0].recordValue(micros(start));
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        double perSecond = (options.creates() - run.failures()) / seconds;
        report.put("creation", Map.of("creates", options.creates(), "failed", run.failures(), "seconds", seconds,
                "perSecond", perSecond, "latencyMs", millis(run.histogram(0))));
        report.row("2. job creations/s alone (p99 latency)", fmt(perSecond, 1) + " /s (p99 "
                + Report.ms(run.histogram(0), 99) + " ms)", "-", null);
    }

    private static double cpuMsPer(long ticks, int lifecycles) {
        return ticks / CpuTimes.TICKS_PER_SECOND * 1000 / Math.max(1, lifecycles);
    }
}
