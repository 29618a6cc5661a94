package dev.lnjobs.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static dev.lnjobs.bench.Report.fmt;

/**
 * Figure 2's status reads: GET /api/jobs/{id} of completed jobs, first paced at --read-rate (latency from each
 * request's intended start, so a stall counts against every request it delays), then unpaced for the max rate.
 * Two seconds at the paced rate go first, unrecorded, so the JIT has compiled the read path.
 */
final class ReadPhase {

    private static final int WARMUP_SECONDS = 2;

    private final Options options;
    private final Client client;
    private final Report report;

    ReadPhase(Options options, Client client, Report report) {
        this.options = options;
        this.client = client;
        this.report = report;
    }

    void run(List<String> jobs) throws InterruptedException {
        if (jobs.isEmpty()) {
            report.row("2. status reads", "no completed job to read (run the lifecycles phase)",
                    "p99 <= 5 ms at 1,000/s", false);
            return;
        }
        System.err.printf("[bench] status reads: %d/s for %d s (after %d s unrecorded), then unpaced for %d s%n",
                options.readRate(), options.readSeconds(), WARMUP_SECONDS, options.readSeconds());
        load(jobs, options.readRate(), WARMUP_SECONDS);
        long p0 = System.nanoTime();
        Histogram paced = load(jobs, options.readRate(), options.readSeconds());
        double pacedRate = paced.getTotalCount() / ((System.nanoTime() - p0) / 1e9);
        long t0 = System.nanoTime();
        Histogram unpaced = load(jobs, 0, options.readSeconds());
        double unpacedRate = unpaced.getTotalCount() / ((System.nanoTime() - t0) / 1e9);
        report.put("reads", Map.of("pacedTargetPerSecond", options.readRate(), "pacedAchievedPerSecond", pacedRate,
                "pacedLatencyMs", Report.millis(paced), "unpacedPerSecond", unpacedRate,
                "unpacedLatencyMs", Report.millis(unpaced)));
        double p99 = paced.getValueAtPercentile(99) / 1000.0;
        report.row("2. status reads p50 / p99 at " + options.readRate() + " req/s (achieved " + fmt(pacedRate, 0)
                + "/s)", Report.ms(paced, 50) + " / " + Report.ms(paced, 99) + " ms", "p99 <= 5 ms",
                p99 <= 5 && pacedRate >= options.readRate() * 0.95);
        report.row("2. status reads/s unpaced (p99)", fmt(unpacedRate, 0) + " /s (p99 " + Report.ms(unpaced, 99)
                + " ms)", "-", null);
    }

    /** {@code rate} requests per second spread over the clients (0: as fast as they go) for {@code seconds}. */
    private Histogram load(List<String> jobs, int rate, int seconds) throws InterruptedException {
        int clients = options.clients();
        Histogram[] histograms = new Histogram[clients];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long hardEnd = end + TimeUnit.SECONDS.toNanos(seconds); // a server slower than the rate still ends
        long interval = rate > 0 ? TimeUnit.SECONDS.toNanos(1) * clients / rate : 0;
        for (int c = 0; c < clients; c++) {
            Histogram h = histograms[c] = new Histogram(3);
            long offset = interval * c / clients;
            Thread thread = new Thread(() -> {
                long intended = start + offset;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (true) {
                    if (interval > 0) {
                        long wait = intended - System.nanoTime();
                        if (wait > 0) {
                            sleepNanos(wait);
                        }
                    } else {
                        intended = System.nanoTime();
                    }
                    if (intended >= end || System.nanoTime() >= hardEnd) {
                        return;
                    }
                    try {
                        client.readJob(jobs.get(random.nextInt(jobs.size())), null);
                        h.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                    } catch (Exception e) {
                        h.recordValue(TimeUnit.SECONDS.toMicros(30));
                    }
                    intended += interval;
                }
            }, "reader-" + c);
            threads.add(thread);
            thread.start();
        }
        Histogram total = new Histogram(3);
        for (int c = 0; c < clients; c++) {
            threads.get(c).join();
            total.add(histograms[c]);
        }
        return total;
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
