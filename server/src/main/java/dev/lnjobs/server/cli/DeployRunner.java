package dev.lnjobs.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the deploy command one at a time. A request while a deploy runs queues exactly one more run (later requests
 * join that one: it will pull whatever was pushed last), so two deploys never overlap and none is lost.
 */
final class DeployRunner implements AutoCloseable {

    /** What a request led to: a run started now, or one queued behind the running one. */
    enum Outcome { STARTED, QUEUED }

    private final List<String> command;
    private final Path log;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "deploy-runner");
        thread.setDaemon(true);
        return thread;
    });
    private boolean running;
    private boolean queued;
    private int runs;

    DeployRunner(String command, Path log) {
        this.command = List.of("/bin/sh", "-c", command);
        this.log = log;
    }

    synchronized Outcome request(String reason) {
        if (running) {
            queued = true;
            note("deploy requested (" + reason + ") while one runs: queued to run after it");
            return Outcome.QUEUED;
        }
        running = true;
        note("deploy requested (" + reason + ")");
        worker.execute(this::runUntilNoneQueued);
        return Outcome.STARTED;
    }

    /** Whether nothing runs and nothing is queued. */
    synchronized boolean idle() {
        return !running;
    }

    /** Runs started so far. */
    synchronized int runs() {
        return runs;
    }

    private void runUntilNoneQueued() {
        do {
            runOnce();
        } while (nextQueued());
    }

    private synchronized boolean nextQueued() {
        if (queued) {
            queued = false;
            return true;
        }
        running = false;
        notifyAll();
        return false;
    }

    /** Waits (bounded) until nothing runs or is queued; answers whether that was reached. */
    synchronized boolean awaitIdle(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void runOnce() {
        synchronized (this) {
            runs++;
        }
        note("running " + command.get(2));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            process.getOutputStream().close();
            int exit = process.waitFor();
            note(exit == 0 ? "deploy finished" : "deploy FAILED with exit code " + exit + "; see the lines above");
        } catch (IOException e) {
            note("deploy FAILED: could not run " + command.get(2) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            note("deploy interrupted");
        }
    }

    /** One line in the deploy log (the one deploy.sh writes too). */
    void note(String line) {
        String stamped = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " deploy-hook: " + line;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, stamped + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            PrintStream err = System.err;
            err.println(stamped + " (could not write " + log + ": " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
