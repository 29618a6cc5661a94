package dev.lnjobs.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Items started at a fixed rate whatever the server's answers (an open loop): the i-th at start + i / rate, each on
 * a thread of its own (a cached pool), so a slow answer delays no later arrival and the latencies recorded are
 * service times plus the queueing the rate itself causes, not the closed loop's self-made queue.
 */
final class OpenLoop {

    private final Histogram[] histograms;
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private int started;
    private int maxInFlight;

    private OpenLoop(int histogramCount) {
        histograms = new Histogram[histogramCount];
        for (int i = 0; i < histogramCount; i++) {
            histograms[i] = new SynchronizedHistogram(3);
        }
    }

    static OpenLoop run(double rate, double seconds, int histogramCount, ClientThreads.Item item)
            throws InterruptedException {
        OpenLoop run = new OpenLoop(histogramCount);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "open-loop");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger inFlight = new AtomicInteger();
        long start = System.nanoTime();
        long count = Math.max(1, Math.round(rate * seconds));
        for (long i = 0; i < count; i++) {
            long intended = start + (long) (i * 1e9 / rate);
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            run.maxInFlight = Math.max(run.maxInFlight, inFlight.incrementAndGet());
            run.started++;
            pool.execute(() -> {
                try {
                    item.run(run.histograms);
                    run.completed.incrementAndGet();
                } catch (Exception e) {
                    run.failed.incrementAndGet();
                    run.errors.merge(String.valueOf(e.getMessage()), 1, Integer::sum);
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("open loop: items still running 120 s after the last start");
        }
        if (!run.errors.isEmpty()) {
            System.err.println("[bench] open loop failures: " + run.errors);
        }
        return run;
    }

    Histogram histogram(int index) {
        return histograms[index];
    }

    int started() {
        return started;
    }

    int completed() {
        return completed.get();
    }

    int failures() {
        return failed.get();
    }

    int maxInFlight() {
        return maxInFlight;
    }

    Map<String, Integer> errors() {
        return errors;
    }
}
