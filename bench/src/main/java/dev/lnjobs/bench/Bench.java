package dev.lnjobs.bench;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The benchmark: starts the server's fat jar in a JVM of its own (stub Lightning and AI, -Xmx512m) on an embedded
 * PostgreSQL (or --database-url), loads it over HTTP from N client threads and prints one table of figures against
 * the targets; also writes them to bench/target/bench-results.json. See docs/benchmark.md.
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "Write a haiku about lightning payments";

    // options
    private int clients = 16;
    private int lifecycles = 1000;
    private int warmup = 100;
    private int creates = 1000;
    private int readRate = 1000;
    private int readSeconds = 10;
    private int insertSeconds = 10;
    private int replayEvents = 100_000;
    private int pollMs = 0;
    private String databaseUrl;
    private String serverJar = "server/target/server-0.1.0-SNAPSHOT.jar";
    private String out = "bench/target/bench-results.json";
    private String jfr;
    private java.util.Set<String> phases = java.util.Set.of("lifecycles", "creations", "reads", "inserts", "replay");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private Process server;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench();
        bench.parse(args);
        bench.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--clients" -> { clients = Integer.parseInt(v); i++; }
                case "--lifecycles" -> { lifecycles = Integer.parseInt(v); i++; }
                case "--warmup" -> { warmup = Integer.parseInt(v); i++; }
                case "--creates" -> { creates = Integer.parseInt(v); i++; }
                case "--read-rate" -> { readRate = Integer.parseInt(v); i++; }
                case "--read-seconds" -> { readSeconds = Integer.parseInt(v); i++; }
                case "--insert-seconds" -> { insertSeconds = Integer.parseInt(v); i++; }
                case "--replay-events" -> { replayEvents = Integer.parseInt(v); i++; }
                case "--poll-ms" -> { pollMs = Integer.parseInt(v); i++; }
                case "--database-url" -> { databaseUrl = v; i++; }
                case "--server-jar" -> { serverJar = v; i++; }
                case "--out" -> { out = v; i++; }
                case "--jfr" -> { jfr = v; i++; }
                case "--phases" -> { phases = java.util.Set.of(v.split(",")); i++; }
                default -> throw new IllegalArgumentException("unknown option " + a + "; options: --clients N "
                        + "--lifecycles N --warmup N --creates N --read-rate N --read-seconds N --insert-seconds N "
                        + "--replay-events N --poll-ms N --database-url URL --server-jar PATH --out PATH --jfr PATH "
                        + "--phases lifecycles,creations,reads,inserts,replay");
            }
        }
    }

    private void run() throws Exception {
        EmbeddedPostgres embedded = null;
        String adminUrl;
        if (databaseUrl == null || databaseUrl.isBlank()) {
            System.err.println("[bench] starting embedded PostgreSQL");
            embedded = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
            adminUrl = embedded.getJdbcUrl("postgres", "postgres");
        } else {
            adminUrl = toJdbc(databaseUrl);
        }
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String loadDb = createDatabase(adminUrl, "lnjobs_bench_" + suffix);
        String replayDb = createDatabase(adminUrl, "lnjobs_replay_" + suffix);
        results.put("machine", machine());
        results.put("options", Map.of("clients", clients, "lifecycles", lifecycles, "warmup", warmup,
                "creates", creates, "readRate", readRate, "replayEvents", replayEvents, "pollMs", pollMs,
                "database", embedded != null ? "embedded PostgreSQL (zonky)" : "given"));
        Sampler sampler = null;
        try {
            startServer(loadDb);
            sampler = new Sampler();
            sampler.start();
            if (phases.contains("lifecycles")) {
                lifecyclePhase(loadDb, sampler);
            }
            if (phases.contains("creations")) {
                creationPhase();
            }
            if (phases.contains("reads")) {
                readPhase();
            }
            if (phases.contains("inserts")) {
                rawInsertPhase(loadDb);
            }
            results.put("peakRssMiBWholeRun", sampler.peakRssKb() / 1024.0);
            sampler.stop();
            if (phases.contains("replay")) {
                replayPhase(loadDb, replayDb);
            }
        } finally {
            if (sampler != null) {
                sampler.stop();
            }
            stopServer();
            if (embedded != null) {
                embedded.close();
            }
        }
        print();
        Path path = Path.of(out);
        Files.createDirectories(path.toAbsolutePath().getParent());
        results.put("table", table.stream().map(r -> Map.of("figure", r[0], "value", r[1], "target", r[2],
                "met", r[3])).toList());
        JSON.writerWithDefaultPrettyPrinter().writeValue(path.toFile(), results);
        System.out.println("results written to " + path.toAbsolutePath());
    }

    // ---------------------------------------------------------------- server process

    private void startServer(String jdbcUrl) throws Exception {
        File jar = new File(serverJar);
        if (!jar.isFile()) {
            throw new IllegalStateException("no server jar at " + jar.getAbsolutePath()
                    + " (build it: ./mvnw -q -B -pl bench -am package -DskipTests; run from the repository root)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m"));
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
            command.add("-XX:FlightRecorderOptions:stackdepth=256");
        }
        command.addAll(List.of("-jar", jar.getAbsolutePath()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("LNBITS_") || k.startsWith("AI_INTEGRATIONS_")
                || k.startsWith("DO_API") || k.startsWith("TAILSCALE_") || k.equals("DATABASE_URL")
                || k.equals("PRODUCTION") || k.startsWith("SPRING_"));
        env.put("DATABASE_URL", jdbcUrl);
        env.put("PORT", Integer.toString(port));
        env.put("BTC_PRICE_OFFLINE", "true");
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        env.put("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,info,metrics");
        // the job flow's own limit would otherwise not matter; the demo endpoint is not used
        File log = new File("bench/target/server.log");
        log.getParentFile().mkdirs();
        builder.redirectErrorStream(true).redirectOutput(log);
        System.err.println("[bench] starting server: " + String.join(" ", command) + " (log: " + log + ")");
        long t0 = System.nanoTime();
        server = builder.start();
        while (true) {
            if (!server.isAlive()) {
                throw new IllegalStateException("server exited with " + server.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/health"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(120)) {
                throw new IllegalStateException("server not healthy after 120 s; see " + log);
            }
            Thread.sleep(10);
        }
        double startup = (System.nanoTime() - t0) / 1e9;
        results.put("startupSeconds", startup);
        row("start-up: process start -> /api/health 200", fmt(startup, 2) + " s", "<= 6 s", startup <= 6);
        System.err.printf("[bench] server healthy after %.2f s (pid %d)%n", startup, server.pid());
    }

    private void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Samples the server's RSS (VmRSS/VmHWM) and used heap every 250 ms. */
    private final class Sampler implements Runnable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peakHeap = new AtomicLong();
        private final AtomicLong peakRss = new AtomicLong();
        private Thread thread;

        void start() {
            thread = new Thread(this, "sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(2000);
            }
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
                    long rss = procStatus("VmRSS");
                    peakRss.accumulateAndGet(rss, Math::max);
                    JsonNode m = getJson("/actuator/metrics/jvm.memory.used?tag=area:heap");
                    long heap = (long) m.path("measurements").path(0).path("value").asDouble();
                    peakHeap.accumulateAndGet(heap, Math::max);
                    Thread.sleep(250);
                } catch (Exception e) {
                    if (!running.get()) {
                        return;
                    }
                }
            }
        }
    }

    private long procStatus(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- HTTP

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    private JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + " answered " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(r.body());
    }

    private JsonNode createJob() throws IOException, InterruptedException {
        return post("/api/jobs", "{\"request\": \"" + REQUEST + "\"}");
    }

    // ---------------------------------------------------------------- 1. lifecycles

    private final Queue completed = new Queue();

    private static final class Queue extends ConcurrentLinkedQueue<String> {
    }

    private void lifecyclePhase(String loadDb, Sampler sampler) throws Exception {
        Histogram ignoredNotice = new Histogram(3);
        Histogram ignoredLifecycle = new Histogram(3);
        System.err.printf("[bench] warm-up: %d lifecycles%n", warmup);
        runLifecycles(warmup, ignoredNotice, new Histogram(3), ignoredLifecycle, new Histogram(3), null);
        completed.clear();

        sampler.reset();
        long eventsBefore = countEvents(loadDb);
        Histogram notice = new Histogram(3);
        Histogram settled = new Histogram(3);
        Histogram lifecycle = new Histogram(3);
        Histogram create = new Histogram(3);
        System.err.printf("[bench] lifecycles: %d with %d clients%n", lifecycles, clients);
        long t0 = System.nanoTime();
        int failures = runLifecycles(lifecycles, notice, settled, lifecycle, create, completed::add);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long eventsAfter = countEvents(loadDb);
        double perSecond = (lifecycles - failures) / seconds;
        double appendsPerSecond = (eventsAfter - eventsBefore) / seconds;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("lifecycles", lifecycles);
        r.put("failed", failures);
        r.put("seconds", seconds);
        r.put("lifecyclesPerSecond", perSecond);
        r.put("paymentNoticeToNextStateMs", hist(notice));
        r.put("paymentNoticeToNextPayableOrFinalStateMs", hist(settled));
        r.put("lifecycleMs", hist(lifecycle));
        r.put("createMs", hist(create));
        r.put("eventsAppended", eventsAfter - eventsBefore);
        r.put("eventsAppendedPerSecond", appendsPerSecond);
        r.put("peakHeapMiB", sampler.peakHeapBytes() / 1048576.0);
        long hwm = procStatus("VmHWM");
        r.put("peakRssMiBSampled", sampler.peakRssKb() / 1024.0);
        r.put("vmHwmMiB", hwm / 1024.0);
        results.put("lifecycle", r);
        results.put("appendsPerSecond", appendsPerSecond);
        row("1. full lifecycles/s (" + clients + " clients, " + lifecycles + ")", fmt(perSecond, 1) + " /s",
                ">= 500 /s", perSecond >= 500);
        double p99 = notice.getValueAtPercentile(99) / 1000.0;
        row("1. payment notice -> next state p50 / p99 / max",
                ms(notice, 50) + " / " + ms(notice, 99) + " / " + fmt(notice.getMaxValue() / 1000.0, 1) + " ms",
                "p99 <= 50 ms", p99 <= 50);
        row("1. payment notice -> next payable/final state p50 / p99 / max",
                ms(settled, 50) + " / " + ms(settled, 99) + " / " + fmt(settled.getMaxValue() / 1000.0, 1) + " ms",
                "-", null);
        row("5. peak heap under lifecycle load (sampled 4/s)", fmt(sampler.peakHeapBytes() / 1048576.0, 0) + " MiB",
                "<= 512 MiB", sampler.peakHeapBytes() <= 512L * 1048576);
        row("5. peak RSS (VmHWM, whole process life so far)", fmt(hwm / 1024.0, 0) + " MiB", "-", null);
    }

    /** Answers the number of failed lifecycles. */
    private int runLifecycles(int count, Histogram notice, Histogram settled, Histogram lifecycle, Histogram create,
                              Consumer<String> done) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        Histogram[] notices = new Histogram[clients];
        Histogram[] settleds = new Histogram[clients];
        Histogram[] lifes = new Histogram[clients];
        Histogram[] creates = new Histogram[clients];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int me = c;
            notices[c] = new Histogram(3);
            settleds[c] = new Histogram(3);
            lifes[c] = new Histogram(3);
            creates[c] = new Histogram(3);
            Thread t = new Thread(() -> {
                while (next.getAndIncrement() < count) {
                    try {
                        String id = oneLifecycle(notices[me], settleds[me], lifes[me], creates[me]);
                        if (done != null) {
                            done.accept(id);
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        errors.merge(String.valueOf(e.getMessage()), 1, Integer::sum);
                    }
                }
            }, "client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int c = 0; c < clients; c++) {
            notice.add(notices[c]);
            settled.add(settleds[c]);
            lifecycle.add(lifes[c]);
            create.add(creates[c]);
        }
        if (!errors.isEmpty()) {
            System.err.println("[bench] lifecycle failures: " + errors);
        }
        return failures.get();
    }

    private String oneLifecycle(Histogram notice, Histogram settled, Histogram lifecycle, Histogram create)
            throws Exception {
        long start = System.nanoTime();
        JsonNode job = createJob();
        create.recordValue(micros(start));
        String id = job.path("jobId").asText();
        String evalHash = job.path("evalInvoice").path("paymentHash").asText(null);
        long invoiceDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (evalHash == null && "awaiting_eval_payment".equals(job.path("state").asText())
                && System.nanoTime() < invoiceDeadline) {
            // 202: the server gave up waiting for the invoice (10 s); it is still being issued
            Thread.sleep(Math.max(pollMs, 1));
            job = getJson("/api/jobs/" + id);
            evalHash = job.path("evalInvoice").path("paymentHash").asText(null);
        }
        if (evalHash == null) {
            throw new IllegalStateException("no eval invoice in " + job.path("state").asText());
        }
        JsonNode view = payAndWatch(id, evalHash, "awaiting_eval_payment", "awaiting_work_payment", notice, settled);
        if (!"awaiting_work_payment".equals(view.path("state").asText())) {
            throw new IllegalStateException("job ended " + view.path("state").asText() + " before work payment");
        }
        String workHash = view.path("workInvoice").path("paymentHash").asText();
        view = payAndWatch(id, workHash, "awaiting_work_payment", "complete", notice, settled);
        if (!"complete".equals(view.path("state").asText())) {
            throw new IllegalStateException("job ended " + view.path("state").asText());
        }
        lifecycle.recordValue(micros(start));
        return id;
    }

    /**
     * Pays through the stub and watches the job: records the time from the pay call to the first read showing a
     * state other than {@code from} (notice), and to the first read showing {@code target} or a final state. Watching
     * is a long poll (If-None-Match with the last ETag seen, Prefer: wait), or with {@code --poll-ms N} a read every
     * N ms.
     */
    private JsonNode payAndWatch(String id, String hash, String from, String target, Histogram notice,
                                 Histogram settled) throws Exception {
        long t0 = System.nanoTime();
        JsonNode paid = post("/api/dev/stub/pay/" + hash, null);
        String outcome = paid.path("outcome").asText();
        // ALREADY_PAID: the server's payment watcher (1 s sweep) saw the stub payment before the pay call's own
        // re-check did; the payment is recorded either way
        if (!"CONFIRMED".equals(outcome) && !"ALREADY_PAID".equals(outcome)) {
            throw new IllegalStateException("stub pay answered " + outcome);
        }
        boolean changed = false;
        String etag = null;
        JsonNode view = null;
        long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JobRead read = readJob(id, pollMs > 0 ? null : etag);
            if (read.status() == 304) {
                continue;
            }
            etag = read.etag();
            view = read.body();
            String state = view.path("state").asText();
            if (!changed && !from.equals(state)) {
                notice.recordValue(micros(t0));
                changed = true;
            }
            boolean ready = target.equals(state) && (!"awaiting_work_payment".equals(target)
                    || view.path("workInvoice").hasNonNull("paymentHash"));
            if (ready || (!target.equals(state) && isFinal(state))) {
                settled.recordValue(micros(t0));
                return view;
            }
            if (pollMs > 0) {
                Thread.sleep(pollMs);
            }
        }
        throw new IllegalStateException("job " + id + " did not reach " + target + " within 30 s");
    }

    private record JobRead(int status, String etag, JsonNode body) {
    }

    /** GET /api/jobs/{id}; with an ETag, a long poll that answers 304 when nothing changed within 10 s. */
    private JobRead readJob(String id, String etag) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + id))
                .timeout(Duration.ofSeconds(30)).GET();
        if (etag != null) {
            request.header("If-None-Match", etag).header("Prefer", "wait=10");
        }
        HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 304) {
            return new JobRead(304, etag, null);
        }
        if (r.statusCode() != 200) {
            throw new IOException("GET /api/jobs/" + id + " answered " + r.statusCode());
        }
        return new JobRead(200, r.headers().firstValue("ETag").orElse(null), JSON.readTree(r.body()));
    }

    private static boolean isFinal(String state) {
        return state.equals("complete") || state.equals("rejected") || state.equals("failed")
                || state.equals("expired");
    }

    // ---------------------------------------------------------------- 2. creations and reads

    private void creationPhase() throws InterruptedException {
        System.err.printf("[bench] creations: %d with %d clients%n", creates, clients);
        Histogram latency = new Histogram(3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        Histogram[] hs = new Histogram[clients];
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Histogram h = hs[c] = new Histogram(3);
            Thread t = new Thread(() -> {
                while (next.getAndIncrement() < creates) {
                    long s = System.nanoTime();
                    try {
                        createJob();
                        h.recordValue(micros(s));
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (Histogram h : hs) {
            latency.add(h);
        }
        double perSecond = (creates - failures.get()) / seconds;
        results.put("creation", Map.of("creates", creates, "failed", failures.get(), "seconds", seconds,
                "perSecond", perSecond, "latencyMs", hist(latency)));
        row("2. job creations/s alone (p99 latency)", fmt(perSecond, 1) + " /s (p99 " + ms(latency, 99) + " ms)",
                "-", null);
    }

    private void readPhase() throws InterruptedException {
        List<String> ids = new ArrayList<>(completed);
        if (ids.isEmpty()) {
            row("2. status reads", "no completed job to read", "p99 <= 5 ms at 1,000/s", false);
            return;
        }
        // paced: readRate requests/s spread over the clients; latency measured from each request's intended start
        // time, so a stall counts for every request it delays (no coordinated omission)
        System.err.printf("[bench] status reads: %d/s for %d s, then unpaced for %d s%n", readRate, readSeconds,
                readSeconds);
        long p0 = System.nanoTime();
        Histogram paced = readLoad(ids, readRate, readSeconds);
        double pacedSeconds = (System.nanoTime() - p0) / 1e9;
        Histogram unpacedHist = new Histogram(3);
        long t0 = System.nanoTime();
        Histogram unpaced = readLoad(ids, 0, readSeconds);
        double seconds = (System.nanoTime() - t0) / 1e9;
        unpacedHist.add(unpaced);
        double unpacedRate = unpaced.getTotalCount() / seconds;
        double pacedRate = paced.getTotalCount() / pacedSeconds;
        results.put("reads", Map.of("pacedTargetPerSecond", readRate, "pacedAchievedPerSecond", pacedRate,
                "pacedLatencyMs", hist(paced), "unpacedPerSecond", unpacedRate, "unpacedLatencyMs", hist(unpaced)));
        double p99 = paced.getValueAtPercentile(99) / 1000.0;
        row("2. status reads p99 at " + readRate + " req/s (achieved " + fmt(pacedRate, 0) + "/s)",
                ms(paced, 99) + " ms", "<= 5 ms", p99 <= 5 && pacedRate >= readRate * 0.95);
        row("2. status reads/s unpaced (p99)", fmt(unpacedRate, 0) + " /s (p99 " + ms(unpaced, 99) + " ms)", "-",
                null);
    }

    private Histogram readLoad(List<String> ids, int rate, int seconds) throws InterruptedException {
        Histogram total = new Histogram(3);
        Histogram[] hs = new Histogram[clients];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long hardEnd = end + TimeUnit.SECONDS.toNanos(seconds); // a server slower than the rate still ends
        long interval = rate > 0 ? TimeUnit.SECONDS.toNanos(1) * clients / rate : 0;
        for (int c = 0; c < clients; c++) {
            Histogram h = hs[c] = new Histogram(3);
            long offset = interval * c / clients;
            Thread t = new Thread(() -> {
                long intended = start + offset;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (true) {
                    if (interval > 0) {
                        long now = System.nanoTime();
                        if (intended > now) {
                            sleepNanos(intended - now);
                        }
                    } else {
                        intended = System.nanoTime();
                    }
                    if (intended >= end || System.nanoTime() >= hardEnd) {
                        return;
                    }
                    try {
                        getJson("/api/jobs/" + ids.get(random.nextInt(ids.size())));
                        h.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                    } catch (Exception e) {
                        h.recordValue(TimeUnit.SECONDS.toMicros(30));
                    }
                    intended += interval;
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (Histogram h : hs) {
            total.add(h);
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

    // ---------------------------------------------------------------- 3. raw inserts

    private void rawInsertPhase(String loadDb) throws Exception {
        System.err.printf("[bench] raw single-row inserts: %d JDBC threads for %d s%n", clients, insertSeconds);
        try (Connection c = DriverManager.getConnection(loadDb); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_raw_insert (id BIGSERIAL PRIMARY KEY, payload BYTEA NOT NULL)");
        }
        AtomicLong rows = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(insertSeconds);
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                byte[] payload = new byte[300];
                try (Connection c = DriverManager.getConnection(loadDb);
                     PreparedStatement p = c.prepareStatement("INSERT INTO bench_raw_insert (payload) VALUES (?)")) {
                    c.setAutoCommit(true);
                    while (System.nanoTime() < end) {
                        ThreadLocalRandom.current().nextBytes(payload);
                        p.setBytes(1, payload);
                        p.executeUpdate();
                        rows.incrementAndGet();
                    }
                } catch (SQLException e) {
                    System.err.println("[bench] raw insert thread failed: " + e.getMessage());
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rawRate = rows.get() / seconds;
        double appends = (double) results.getOrDefault("appendsPerSecond", 0.0);
        double ratio = appends / rawRate;
        results.put("rawInsert", Map.of("threads", clients, "rows", rows.get(), "seconds", seconds,
                "rowsPerSecond", rawRate, "eventAppendsPerSecond", appends, "ratio", ratio));
        row("3. event appends/s vs raw 300-byte inserts/s (" + clients + " threads)",
                fmt(appends, 0) + " / " + fmt(rawRate, 0) + " = " + fmt(ratio * 100, 1) + " %", ">= 40 %",
                ratio >= 0.4);
    }

    // ---------------------------------------------------------------- 4. replay

    private void replayPhase(String loadDb, String replayDb) throws Exception {
        // Template: the real events the server itself appended during the run, serialized by its own serializer.
        List<Object[]> template = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(loadDb); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT aggregate_identifier, sequence_number, type, meta_data, payload, "
                     + "payload_revision, payload_type, time_stamp FROM domain_event_entry ORDER BY global_index")) {
            while (r.next()) {
                template.add(new Object[]{r.getString(1), r.getLong(2), r.getString(3), r.getBytes(4),
                        r.getBytes(5), r.getString(6), r.getString(7), r.getString(8)});
            }
        }
        if (template.isEmpty()) {
            row("4. replay", "no events to copy", ">= 50,000 events/s", false);
            return;
        }
        System.err.printf("[bench] filling replay store with >= %d events from %d real ones%n", replayEvents,
                template.size());
        long filled = 0;
        try (Connection c = DriverManager.getConnection(replayDb)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE domain_event_entry (global_index BIGSERIAL NOT NULL, "
                        + "aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, "
                        + "type VARCHAR(255), event_identifier VARCHAR(255) NOT NULL, meta_data BYTEA, "
                        + "payload BYTEA NOT NULL, payload_revision VARCHAR(255), payload_type VARCHAR(255) NOT NULL,"
                        + " time_stamp VARCHAR(255) NOT NULL, PRIMARY KEY (global_index), "
                        + "UNIQUE (aggregate_identifier, sequence_number), UNIQUE (event_identifier))");
            }
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO domain_event_entry (aggregate_identifier, "
                    + "sequence_number, type, event_identifier, meta_data, payload, payload_revision, payload_type, "
                    + "time_stamp) VALUES (?,?,?,?,?,?,?,?,?)")) {
                int batch = 0;
                while (filled < replayEvents) {
                    Map<String, String> renamed = new HashMap<>();
                    for (Object[] e : template) {
                        String oldId = (String) e[0];
                        String newId = renamed.computeIfAbsent(oldId, k -> UUID.randomUUID().toString());
                        String payload = new String((byte[]) e[4], StandardCharsets.UTF_8).replace(oldId, newId);
                        p.setString(1, newId);
                        p.setLong(2, (Long) e[1]);
                        p.setString(3, (String) e[2]);
                        p.setString(4, UUID.randomUUID().toString());
                        p.setBytes(5, (byte[]) e[3]);
                        p.setBytes(6, payload.getBytes(StandardCharsets.UTF_8));
                        p.setString(7, (String) e[5]);
                        p.setString(8, (String) e[6]);
                        p.setString(9, (String) e[7]);
                        p.addBatch();
                        filled++;
                        if (++batch == 1000) {
                            p.executeBatch();
                            c.commit();
                            batch = 0;
                        }
                    }
                }
                p.executeBatch();
                c.commit();
            }
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("VACUUM ANALYZE domain_event_entry");
            }
        }
        ObjectMapper mapper = messageObjectMapper();
        Map<String, Object> runs = new LinkedHashMap<>();
        double best = 0;
        for (int run = 1; run <= 3; run++) {
            long[] counts = replay(replayDb, mapper);
            double seconds = counts[2] / 1e9;
            double rate = counts[0] / seconds;
            best = Math.max(best, rate);
            runs.put("run" + run, Map.of("events", counts[0], "undeserializable", counts[1], "seconds", seconds,
                    "eventsPerSecond", rate));
            System.err.printf("[bench] replay run %d: %d events in %.2f s = %.0f events/s%n", run, counts[0],
                    seconds, rate);
        }
        results.put("replay", Map.of("storeEvents", filled, "templateEvents", template.size(), "runs", runs,
                "bestEventsPerSecond", best, "measures", "JDBC stream ordered by global_index, fetch size 1000, "
                        + "each payload deserialized with the server's message ObjectMapper settings, in the bench "
                        + "JVM; read + deserialize only (no pricing-audit module on this branch)"));
        row("4. replay (read + deserialize) over " + filled + " events, best of 3", fmt(best, 0) + " events/s",
                ">= 50,000 /s", best >= 50_000);
    }

    /** Answers {events, undeserializable, nanos}. */
    private static long[] replay(String url, ObjectMapper mapper) throws Exception {
        Map<String, Class<?>> classes = new HashMap<>();
        long events = 0;
        long failed = 0;
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("SELECT global_index, payload_type, payload, meta_data "
                    + "FROM domain_event_entry ORDER BY global_index")) {
                p.setFetchSize(1000);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String type = r.getString(2);
                        Class<?> cls = classes.computeIfAbsent(type, Bench::classOrNull);
                        byte[] payload = r.getBytes(3);
                        if (cls == null) {
                            failed++;
                        } else {
                            mapper.readValue(payload, cls);
                        }
                        events++;
                    }
                }
            }
            c.commit();
        }
        return new long[]{events, failed, System.nanoTime() - t0};
    }

    private static Class<?> classOrNull(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The same settings as the server's AxonConfiguration.messageObjectMapper() (package-private there). */
    static ObjectMapper messageObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    // ---------------------------------------------------------------- databases

    private static long countEvents(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String createDatabase(String adminUrl, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        int start = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int end = adminUrl.indexOf('?', start);
        return adminUrl.substring(0, start + 1) + name + (end < 0 ? "" : adminUrl.substring(end));
    }

    /** Accepts postgres://user:pass@host:port/db as well as JDBC URLs. */
    static String toJdbc(String url) {
        if (url.startsWith("jdbc:")) {
            return url;
        }
        URI uri = URI.create(url);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath());
        String sep = "?";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            jdbc.append(sep).append("user=").append(parts[0]);
            sep = "&";
            if (parts.length > 1) {
                jdbc.append("&password=").append(parts[1]);
            }
        }
        if (uri.getRawQuery() != null) {
            jdbc.append(sep).append(uri.getRawQuery());
        }
        return jdbc.toString();
    }

    // ---------------------------------------------------------------- output

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/loadavg"))) {
                m.put("loadavgAtStart", line);
            }
        } catch (IOException e) {
            m.put("cpu", "unknown");
        }
        m.put("java", System.getProperty("java.version"));
        m.put("takenAt", Instant.now().toString());
        return m;
    }

    private void row(String figure, String value, String target, Boolean met) {
        table.add(new String[]{figure, value, target, met == null ? "-" : met ? "yes" : "NO"});
    }

    private void print() {
        int w0 = 10;
        int w1 = 5;
        int w2 = 6;
        for (String[] r : table) {
            w0 = Math.max(w0, r[0].length());
            w1 = Math.max(w1, r[1].length());
            w2 = Math.max(w2, r[2].length());
        }
        String f = "| %-" + w0 + "s | %-" + w1 + "s | %-" + w2 + "s | %-4s |%n";
        System.out.println();
        System.out.printf(f, "figure", "value", "target", "met?");
        System.out.printf("|%s|%s|%s|------|%n", "-".repeat(w0 + 2), "-".repeat(w1 + 2), "-".repeat(w2 + 2));
        for (String[] r : table) {
            System.out.printf(f, (Object[]) r);
        }
        System.out.println();
        System.out.println("machine: " + results.get("machine"));
    }

    private static Map<String, Object> hist(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50", h.getValueAtPercentile(50) / 1000.0);
        m.put("p90", h.getValueAtPercentile(90) / 1000.0);
        m.put("p99", h.getValueAtPercentile(99) / 1000.0);
        m.put("max", h.getMaxValue() / 1000.0);
        m.put("mean", h.getMean() / 1000.0);
        return m;
    }

    private static String ms(Histogram h, double percentile) {
        return fmt(h.getValueAtPercentile(percentile) / 1000.0, 1);
    }

    private static String fmt(double v, int decimals) {
        return String.format(java.util.Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static long micros(long startNanos) {
        return Math.max(0, (System.nanoTime() - startNanos) / 1000);
    }
}
