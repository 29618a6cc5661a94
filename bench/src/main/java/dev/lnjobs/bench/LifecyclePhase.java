package dev.lnjobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static dev.lnjobs.bench.Report.fmt;
import static dev.lnjobs.bench.Report.micros;
import static dev.lnjobs.bench.Report.millis;

/**
 * Figure 1 (and 5): whole job lifecycles from N clients, create → pay eval → evaluated → pay work → complete, with
 * the latency from each stub payment to the job's next state; then figure 2's creations alone.
 */
final class LifecyclePhase {

    private static final String REQUEST = "Write a haiku about lightning payments";
    private static final int NOTICE = 0;
    private static final int SETTLED = 1;
    private static final int LIFECYCLE = 2;
    private static final int CREATE = 3;

    private final Options options;
    private final LaunchedServer server;
    private final Client client;
    private final Report report;
    private final ConcurrentLinkedQueue<String> completed = new ConcurrentLinkedQueue<>();

    LifecyclePhase(Options options, LaunchedServer server, Report report) {
        this.options = options;
        this.server = server;
        this.client = server.client();
        this.report = report;
    }

    /** The jobs the measured lifecycles completed, for the status reads. */
    List<String> completedJobs() {
        return List.copyOf(completed);
    }

    void lifecycles(String loadDb, LaunchedServer.Sampler sampler) throws Exception {
        System.err.printf("[bench] warm-up: %d lifecycles%n", options.warmup());
        ClientThreads.run(options.clients(), options.warmup(), 4, this::oneLifecycle);
        completed.clear();
        sampler.reset();
        long eventsBefore = Databases.countEvents(loadDb);
        System.err.printf("[bench] lifecycles: %d with %d clients%n", options.lifecycles(), options.clients());
        CpuTimes cpuBefore = CpuTimes.now(server.pid());
        long t0 = System.nanoTime();
        ClientThreads run = ClientThreads.run(options.clients(), options.lifecycles(), 4, this::oneLifecycle);
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuTimes cpu = CpuTimes.now(server.pid()).since(cpuBefore);
        long appended = Databases.countEvents(loadDb) - eventsBefore;
        double perSecond = (options.lifecycles() - run.failures()) / seconds;
        Histogram notice = run.histogram(NOTICE);
        Histogram settled = run.histogram(SETTLED);
        long hwm = server.procStatusKb("VmHWM");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("lifecycles", options.lifecycles());
        r.put("failed", run.failures());
        r.put("errors", run.errors());
        r.put("seconds", seconds);
        r.put("lifecyclesPerSecond", perSecond);
        r.put("paymentNoticeToNextStateMs", millis(notice));
        r.put("paymentNoticeToNextPayableOrFinalStateMs", millis(settled));
        r.put("lifecycleMs", millis(run.histogram(LIFECYCLE)));
        r.put("createMs", millis(run.histogram(CREATE)));
        r.put("eventsAppended", appended);
        r.put("eventsAppendedPerSecond", appended / seconds);
        r.put("peakHeapMiB", sampler.peakHeapBytes() / 1048576.0);
        r.put("peakRssMiBSampled", sampler.peakRssKb() / 1024.0);
        r.put("vmHwmMiB", hwm / 1024.0);
        int done = options.lifecycles() - run.failures();
        double serverMs = cpuMsPer(cpu.server(), done);
        double restMs = cpuMsPer(cpu.rest(), done);
        double benchMs = cpuMsPer(cpu.bench(), done);
        double busy = cpu.machineBusy() / CpuTimes.TICKS_PER_SECOND / seconds
                / Runtime.getRuntime().availableProcessors();
        r.put("cpuMsPerLifecycle", Map.of("server", serverMs, "postgresAndRest", restMs, "benchClients", benchMs,
                "machineBusyShare", busy));
        report.put("lifecycle", r);
        report.row("1. full lifecycles/s (" + options.clients() + " clients, " + options.lifecycles() + ")",
                fmt(perSecond, 1) + " /s", ">= 500 /s", perSecond >= 500);
        report.row("1. payment notice -> next state p50 / p99 / max", Report.p50p99max(notice), "p99 <= 50 ms",
                notice.getValueAtPercentile(99) / 1000.0 <= 50);
        report.row("1. payment notice -> next payable/final state p50 / p99 / max", Report.p50p99max(settled), "-",
                null);
        report.row("   events the lifecycles appended (9 per job)", fmt(appended / seconds, 0) + " /s", "-", null);
        report.row("   CPU per lifecycle: server / PostgreSQL and rest / bench clients (machine busy)",
                fmt(serverMs, 1) + " / " + fmt(restMs, 1) + " / " + fmt(benchMs, 1) + " ms (" + fmt(busy * 100, 0)
                        + " %)", "-", null);
        report.row("5. peak heap under lifecycle load (sampled 4/s)",
                fmt(sampler.peakHeapBytes() / 1048576.0, 0) + " MiB", "<= 512 MiB",
                sampler.peakHeapBytes() <= 512L * 1048576);
        report.row("5. peak RSS (VmHWM, whole process life so far)", fmt(hwm / 1024.0, 0) + " MiB", "-", null);
    }

    void creations() throws Exception {
        System.err.printf("[bench] creations: %d with %d clients%n", options.creates(), options.clients());
        long t0 = System.nanoTime();
        ClientThreads run = ClientThreads.run(options.clients(), options.creates(), 1, histograms -> {
            long start = System.nanoTime();
            createJob();
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

    private JsonNode createJob() throws Exception {
        return client.post("/api/jobs", "{\"request\": \"" + REQUEST + "\"}");
    }

    private void oneLifecycle(Histogram[] histograms) throws Exception {
        long start = System.nanoTime();
        JsonNode job = createJob();
        histograms[CREATE].recordValue(micros(start));
        String id = job.path("jobId").asText();
        String evalHash = job.path("evalInvoice").path("paymentHash").asText(null);
        if (evalHash == null) {
            // 202: the server stopped waiting for the invoice after 10 s; it is still being issued
            JsonNode view = watch(id, null, "awaiting_eval_payment", "awaiting_eval_payment", null, null, 30);
            evalHash = view.path("evalInvoice").path("paymentHash").asText(null);
        }
        JsonNode view = payAndWatch(id, evalHash, "awaiting_eval_payment", "awaiting_work_payment", histograms);
        if (!"awaiting_work_payment".equals(view.path("state").asText())) {
            throw new IllegalStateException("job ended " + view.path("state").asText() + " before work payment");
        }
        view = payAndWatch(id, view.path("workInvoice").path("paymentHash").asText(), "awaiting_work_payment",
                "complete", histograms);
        if (!"complete".equals(view.path("state").asText())) {
            throw new IllegalStateException("job ended " + view.path("state").asText());
        }
        histograms[LIFECYCLE].recordValue(micros(start));
        completed.add(id);
    }

    /**
     * Pays through the stub and watches the job: records the time from the pay call to the first read showing a
     * state other than {@code from} (notice), and to the first read showing {@code target} or a final state.
     */
    private JsonNode payAndWatch(String id, String hash, String from, String target, Histogram[] histograms)
            throws Exception {
        long t0 = System.nanoTime();
        String outcome = client.post("/api/dev/stub/pay/" + hash, null).path("outcome").asText();
        // ALREADY_PAID: the server's payment watcher saw the stub payment before the pay call's own re-check did;
        // the payment is recorded either way
        if (!"CONFIRMED".equals(outcome) && !"ALREADY_PAID".equals(outcome)) {
            throw new IllegalStateException("stub pay answered " + outcome);
        }
        return watch(id, t0, from, target, histograms[NOTICE], histograms[SETTLED], 30);
    }

    /**
     * Reads the job until it shows {@code target} (with its work invoice, when that is the target) or a final
     * state: by long poll (If-None-Match with the last ETag, Prefer: wait), or with --poll-ms N a read every N ms.
     */
    private JsonNode watch(String id, Long t0, String from, String target, Histogram notice, Histogram settled,
                           int timeoutSeconds) throws Exception {
        boolean changed = false;
        String etag = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            Client.JobRead read = client.readJob(id, options.pollMs() > 0 ? null : etag);
            if (read.status() == 304) {
                continue;
            }
            etag = read.etag();
            JsonNode view = read.body();
            String state = view.path("state").asText();
            if (!changed && !from.equals(state) && notice != null) {
                notice.recordValue(micros(t0));
                changed = true;
            }
            boolean ready = target.equals(state) && (!target.startsWith("awaiting_")
                    || view.path(target.equals("awaiting_eval_payment") ? "evalInvoice" : "workInvoice")
                    .hasNonNull("paymentHash"));
            if (ready || (!target.equals(state) && isFinal(state))) {
                if (settled != null) {
                    settled.recordValue(micros(t0));
                }
                return view;
            }
            if (options.pollMs() > 0) {
                Thread.sleep(options.pollMs());
            }
        }
        throw new IllegalStateException("job " + id + " did not reach " + target + " within " + timeoutSeconds + " s");
    }

    private static boolean isFinal(String state) {
        return state.equals("complete") || state.equals("rejected") || state.equals("failed")
                || state.equals("expired");
    }
}
