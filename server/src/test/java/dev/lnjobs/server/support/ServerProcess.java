package dev.lnjobs.server.support;

import dev.lnjobs.server.LnJobsApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The whole server as a separate JVM, so that a test can kill it the hard way (SIGKILL) and start it again on the
 * same database. Its output goes to a log file under {@code target/server-processes} for diagnosis.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Path LOG_DIR = Path.of("target", "server-processes");
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static {
        // A test JVM that dies (or is stopped) must not leave servers running on the shared machine.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "server-process-reaper"));
    }

    private final String name;
    private final String databaseUrl;
    private final int port;
    private final List<String> extraArgs;
    private Process process;
    private Path logFile;
    private int starts;

    public ServerProcess(String name, String databaseUrl, int port, List<String> extraArgs) {
        this.name = name;
        this.databaseUrl = databaseUrl;
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** A TCP port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the JVM (not waiting for it to serve); each start logs to a file of its own. */
    public synchronized ServerProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1"); // quicker start on a busy machine; these servers live seconds
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LnJobsApplication.class.getName());
        command.add("--lnjobs.database.url=" + databaseUrl);
        command.add("--server.port=" + port);
        command.add("--spring.main.banner-mode=off");
        TestSettings.all().forEach((key, value) -> command.add("--" + key + "=" + value));
        command.addAll(extraArgs);
        try {
            Files.createDirectories(LOG_DIR);
            logFile = LOG_DIR.resolve(name + "-" + starts + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            // The stub pay route exists only outside production; a developer's shell must not switch it off.
            builder.environment().remove("SPRING_PROFILES_ACTIVE");
            builder.environment().remove("PRODUCTION");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        LIVE.add(process);
        return this;
    }

    /** Waits, within the bound, until {@code GET /api/health} answers 200; fails early if the JVM died. */
    public ServerProcess awaitHealthy(Duration bound) {
        Process started = process;
        await("health of " + name + " (log: " + logFile.toAbsolutePath() + ")")
                .atMost(bound).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + started.exitValue()
                                + "; see " + logFile.toAbsolutePath());
                    }
                    return healthy();
                });
        return this;
    }

    public boolean healthy() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL on Linux: no shutdown hook, no graceful close of anything. Waits (bounded) until it is gone. */
    public synchronized void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        waitForExit(running);
    }

    /** A graceful stop (SIGTERM), killed if it takes too long. */
    public synchronized void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(20, TimeUnit.SECONDS)) {
                running.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
        waitForExit(running);
    }

    private void waitForExit(Process running) {
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + running.pid() + ") did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            LIVE.remove(running);
        }
    }

    /** Waits, within the bound, for a JVM that should stop by itself (a refused start); answers its exit code. */
    public int awaitExit(Duration bound) {
        Process started = process;
        await(name + " to exit (log: " + logFile.toAbsolutePath() + ")").atMost(bound)
                .pollInterval(Duration.ofMillis(250)).until(() -> !started.isAlive());
        LIVE.remove(started);
        return started.exitValue();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The owner name Axon's JDBC token store writes for this JVM: {@code RuntimeMXBean.getName()}, pid@host. */
    public String axonNodeId() {
        String self = ManagementFactory.getRuntimeMXBean().getName();
        return pid() + self.substring(self.indexOf('@'));
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public ApiClient api() {
        return new ApiClient(baseUrl());
    }

    public Path logFile() {
        return logFile;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
