package dev.lnjobs.server.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded PostgreSQL is a daemon of its own: when the JVM that started it dies without closing it (kill -9,
 * OOM kill), the postmaster keeps running on the data directory and the next start cannot use it. Before a start,
 * this finds such a postmaster through the directory's {@code postmaster.pid} and stops it with a fast shutdown,
 * which is a clean one: everything committed is on disk already, nothing needs recovery afterwards.
 */
public final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    /** The lock zonky's EmbeddedPostgres holds on the data directory for as long as its JVM runs. */
    static final String ZONKY_LOCK = "epg-lock";
    static final String PID_FILE = "postmaster.pid";
    private static final Duration STOP_BOUND = Duration.ofSeconds(60);

    private LeftoverPostmaster() {
    }

    /**
     * Stops the postmaster a dead JVM left on {@code dataDir}; answers its pid, or empty when there was none.
     * Refuses (IllegalStateException) when a live server still owns the directory.
     */
    public static Optional<Long> stopIfLeftBehind(Path dataDir) {
        Optional<ProcessHandle> postmaster = runningOn(dataDir);
        if (postmaster.isEmpty()) {
            return Optional.empty();
        }
        if (!ownerlessDirectory(dataDir)) {
            throw new IllegalStateException("the embedded PostgreSQL in " + dataDir + " belongs to a server that "
                    + "is still running (pid " + postmaster.get().pid() + "); stop that one first");
        }
        ProcessHandle process = postmaster.get();
        log.warn("Database: a PostgreSQL (pid {}) was left running on {} by a server that did not stop; "
                + "stopping it (fast shutdown) before starting again", process.pid(), dataDir);
        stop(process, dataDir);
        return Optional.of(process.pid());
    }

    /** The live postgres process {@code postmaster.pid} names, if it runs on this very directory. */
    public static Optional<ProcessHandle> runningOn(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        List<String> lines;
        try {
            lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + pidFile, e);
        }
        if (lines.size() < 2 || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        Path named = Path.of(lines.get(1).strip()).toAbsolutePath().normalize();
        if (!named.equals(dataDir.toAbsolutePath().normalize())) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(LeftoverPostmaster::isPostgres);
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(Path::of).map(Path::getFileName).map(Path::toString)
                .filter(name -> name.equals("postgres") || name.equals("postmaster")).isPresent();
    }

    /** Whether no live JVM holds zonky's lock on the directory (a dead one's lock went with it). */
    private static boolean ownerlessDirectory(Path dataDir) {
        Path lockFile = dataDir.resolve(ZONKY_LOCK);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileOutputStream stream = new FileOutputStream(lockFile.toFile(), true);
             FileLock lock = stream.getChannel().tryLock()) {
            return lock != null;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return false;
        }
    }

    /**
     * SIGINT, PostgreSQL's fast shutdown (what {@code pg_ctl stop -m fast} sends; pg_ctl itself refuses to run as
     * root, and the postmaster may be root's); SIGTERM, its smart shutdown, where {@code kill} cannot be run.
     */
    private static void stop(ProcessHandle postmaster, Path dataDir) {
        try {
            try {
                new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid())).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                        .waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
            } catch (IOException e) {
                postmaster.destroy();
            }
            postmaster.onExit().get(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not stop the PostgreSQL (pid " + postmaster.pid()
                    + ") left running on " + dataDir + " within " + STOP_BOUND.toSeconds() + " s; stop it by hand "
                    + "(kill -INT " + postmaster.pid() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the PostgreSQL left on " + dataDir, e);
        }
        log.info("Database: stopped the PostgreSQL (pid {}) left running on {}", postmaster.pid(), dataDir);
    }
}
