package dev.lnjobs.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * N client threads sharing a count of work items; each records into histograms of its own (HdrHistogram is not
 * thread-safe), merged when all are done. Failures are counted by message, not thrown.
 */
final class ClientThreads {

    /** One work item; records its latencies into the calling thread's histograms. */
    @FunctionalInterface
    interface Item {
        void run(Histogram[] histograms) throws Exception;
    }

    private final Histogram[] merged;
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private int failures;
    private int completed;

    private ClientThreads(int histograms) {
        merged = histograms(histograms);
    }

    private static Histogram[] histograms(int count) {
        Histogram[] histograms = new Histogram[count];
        for (int i = 0; i < count; i++) {
            histograms[i] = new Histogram(3);
        }
        return histograms;
    }

    /** Runs {@code count} items on {@code clients} threads; answers the merged histograms and failures. */
    static ClientThreads run(int clients, int count, int histograms, Item item) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        return run(clients, () -> next.getAndIncrement() < count, histograms, item);
    }

    /** Runs items on {@code clients} threads, each starting new ones until {@code seconds} have passed. */
    static ClientThreads runFor(int clients, double seconds, int histograms, Item item) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        return run(clients, () -> System.nanoTime() < deadline, histograms, item);
    }

    private static ClientThreads run(int clients, BooleanSupplier more, int histograms, Item item)
            throws InterruptedException {
        ClientThreads run = new ClientThreads(histograms);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Histogram[]> perThread = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Histogram[] own = histograms(histograms);
            perThread.add(own);
            Thread thread = new Thread(() -> {
                while (more.getAsBoolean()) {
                    try {
                        item.run(own);
                        done.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        run.errors.merge(String.valueOf(e.getMessage()), 1, Integer::sum);
                    }
                }
            }, "client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (Histogram[] own : perThread) {
            for (int i = 0; i < histograms; i++) {
                run.merged[i].add(own[i]);
            }
        }
        run.failures = failed.get();
        run.completed = done.get();
        if (!run.errors.isEmpty()) {
            System.err.println("[bench] failures: " + run.errors);
        }
        return run;
    }

    Histogram histogram(int index) {
        return merged[index];
    }

    /** Items that ended without an exception. */
    int completed() {
        return completed;
    }

    int failures() {
        return failures;
    }

    Map<String, Integer> errors() {
        return errors;
    }
}
