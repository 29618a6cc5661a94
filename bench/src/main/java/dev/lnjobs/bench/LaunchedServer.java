package dev.lnjobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server, run as it is deployed: laid out by deploy/prepare-app.sh (the jar extracted, with a class data
 * sharing archive; --launch jar runs the plain fat jar instead), in a JVM of its own ({@link #JVM}), with stub
 * Lightning, AI and cloud and an offline BTC price, on a given database. Also runs the jar's command line tools
 * (append-rate, audit-pricing).
 */
final class LaunchedServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The heap the figure 5 bounds, and the collector the deployments run with (deploy/). */
    static final List<String> JVM = List.of("-Xmx512m", "-XX:+UseParallelGC");

    private final Options options;
    private final String name;
    private final List<String> launch;
    private Process process;
    private Client client;
    private Client management;

    /** The server of {@code options.serverJar()}; {@code name} names its layout directory and its log. */
    LaunchedServer(Options options, String name) throws IOException, InterruptedException {
        this.options = options;
        this.name = name;
        File jar = new File(options.serverJar());
        if (!jar.isFile()) {
            throw new IllegalStateException("no server jar at " + jar.getAbsolutePath()
                    + " (build it: ./mvnw -q -B -pl bench -am package -DskipTests; run from the repository root)");
        }
        this.launch = options.launchPrepared() ? prepare(jar, name) : List.of("-jar", jar.getAbsolutePath());
    }

    String name() {
        return name;
    }

    /** Lays the jar out as the Docker image and the systemd deploy do; answers the java arguments that run it. */
    private static List<String> prepare(File jar, String name) throws IOException, InterruptedException {
        File app = new File("bench/target/" + name + "-app").getAbsoluteFile();
        System.err.println("[bench] laying the server out in " + app + " (deploy/prepare-app.sh: extract, train)");
        Process prepare = new ProcessBuilder("bash", "deploy/prepare-app.sh", jar.getAbsolutePath(), app.getPath())
                .inheritIO().start();
        if (prepare.waitFor() != 0) {
            throw new IllegalStateException("deploy/prepare-app.sh failed (run from the repository root)");
        }
        return List.of("-XX:SharedArchiveFile=" + new File(app, "lnjobs.jsa"), "-jar",
                new File(app, "lnjobs.jar").getPath());
    }

    /** Starts the server on the database; answers the seconds from process start to the first healthy answer. */
    double start(String jdbcUrl) throws IOException, InterruptedException {
        int port = freePort();
        int managementPort = freePort();
        client = new Client("http://127.0.0.1:" + port);
        management = new Client("http://127.0.0.1:" + managementPort);
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(JVM);
        command.addAll(options.serverOptions());
        if (options.jfr() != null) {
            command.add("-XX:StartFlightRecording=filename=" + options.jfr() + ",settings=profile");
            command.add("-XX:FlightRecorderOptions:stackdepth=256");
        }
        command.addAll(launch);
        ProcessBuilder builder = stubbedEnvironment(new ProcessBuilder(command), jdbcUrl);
        builder.environment().put("PORT", Integer.toString(port));
        // Actuator on its own loopback port, as deployed (the server refuses a management address on the API's port)
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,info,metrics");
        File log = new File("bench/target/" + name + ".log");
        log.getParentFile().mkdirs();
        builder.redirectErrorStream(true).redirectOutput(log);
        System.err.println("[bench] starting server: " + String.join(" ", command) + " (log: " + log + ")");
        long t0 = System.nanoTime();
        process = builder.start();
        while (!client.healthy()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(300)) {
                throw new IllegalStateException("server not healthy after 300 s; see " + log);
            }
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf("[bench] server healthy after %.2f s (pid %d)%n", seconds, process.pid());
        return seconds;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Client client() {
        return client;
    }

    long pid() {
        return process.pid();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A line of /proc/PID/status in kB, e.g. VmRSS or VmHWM. */
    long procStatusKb(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** Runs one of the jar's command line tools on the database and answers the JSON it prints. */
    JsonNode command(String jdbcUrl, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(JVM);
        command.addAll(launch);
        command.addAll(List.of(arguments));
        ProcessBuilder builder = stubbedEnvironment(new ProcessBuilder(command), jdbcUrl);
        File err = new File("bench/target/" + name + "-" + arguments[0] + ".log");
        builder.redirectError(err);
        Process tool = builder.start();
        byte[] out = tool.getInputStream().readAllBytes();
        if (tool.waitFor() != 0 && tool.exitValue() != 1) {
            throw new IllegalStateException(arguments[0] + " exited with " + tool.exitValue() + "; see " + err);
        }
        return JSON.readTree(new String(out, StandardCharsets.UTF_8));
    }

    private static ProcessBuilder stubbedEnvironment(ProcessBuilder builder, String jdbcUrl) {
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("LNBITS_") || k.startsWith("AI_INTEGRATIONS_")
                || k.startsWith("DO_API") || k.startsWith("TAILSCALE_") || k.equals("DATABASE_URL")
                || k.equals("PRODUCTION") || k.startsWith("SPRING_") || k.startsWith("AXON_"));
        env.put("DATABASE_URL", jdbcUrl);
        env.put("BTC_PRICE_OFFLINE", "true");
        env.put("JOB_CREATIONS_PER_HOUR", "0"); // the bench creates thousands of jobs from one address
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return builder;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Samples the server's resident set (VmRSS) and used heap every 250 ms; keeps the maxima since the reset. */
    final class Sampler implements Runnable, AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peakHeap = new AtomicLong();
        private final AtomicLong peakRss = new AtomicLong();
        private final Thread thread = new Thread(this, "sampler");

        Sampler() {
            thread.setDaemon(true);
            thread.start();
        }

        void reset() {
            peakHeap.set(0);
            peakRss.set(0);
        }

        long peakHeapBytes() {
            return peakHeap.get();
        }

        long peakRssKb() {
            return peakRss.get();
        }

        @Override
        public void run() {
            while (running.get()) {
                try {
                    peakRss.accumulateAndGet(procStatusKb("VmRSS"), Math::max);
                    JsonNode heap = management.getJson("/actuator/metrics/jvm.memory.used?tag=area:heap");
                    peakHeap.accumulateAndGet((long) heap.path("measurements").path(0).path("value").asDouble(),
                            Math::max);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (!running.get()) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(2000);
        }
    }
}
