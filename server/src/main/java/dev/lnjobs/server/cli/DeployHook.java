package dev.lnjobs.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The push-to-deploy receiver: {@code POST /webhook/deploy} with a push event signed with the shared secret. A push
 * of the deploy branch runs the deploy command (see {@link DeployRunner}); anything else is answered and ignored.
 * The JDK's own HTTP server: no Spring context, no database, nothing but the secret and the command.
 */
final class DeployHook implements AutoCloseable {

    static final String PATH = "/webhook/deploy";
    /** GitHub caps webhook payloads at 25 MB; a push event is a few kB. */
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** From the environment: DEPLOY_HOOK_PORT, DEPLOY_HOOK_BIND, DEPLOY_WEBHOOK_SECRET, DEPLOY_BRANCH, ... */
    record Settings(String bind, int port, String secret, String branch, String command, Path log) {

        static Settings from(Map<String, String> env) {
            String home = env.getOrDefault("LNJOBS_HOME", "/opt/lnjobs");
            return new Settings(env.getOrDefault("DEPLOY_HOOK_BIND", "0.0.0.0"),
                    Integer.parseInt(env.getOrDefault("DEPLOY_HOOK_PORT", "9000").strip()),
                    env.get("DEPLOY_WEBHOOK_SECRET"),
                    env.getOrDefault("DEPLOY_BRANCH", "main").strip(),
                    env.getOrDefault("DEPLOY_COMMAND", "deploy/deploy.sh --pull"),
                    Path.of(env.getOrDefault("DEPLOY_LOG", home + "/deploy.log")));
        }
    }

    private final Settings settings;
    private final WebhookSignature signature;
    private final DeployRunner runner;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(2);

    private DeployHook(Settings settings) throws IOException {
        this.settings = settings;
        this.signature = new WebhookSignature(settings.secret());
        this.runner = new DeployRunner(settings.command(), settings.log());
        this.server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 16);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
    }

    /** Listens at once; throws IllegalArgumentException without a secret. */
    static DeployHook start(Settings settings) throws IOException {
        DeployHook hook = new DeployHook(settings);
        hook.server.start();
        hook.runner.note("listening on " + settings.bind() + ":" + hook.port() + PATH + " for pushes of "
                + settings.branch());
        return hook;
    }

    int port() {
        return server.getAddress().getPort();
    }

    DeployRunner runner() {
        return runner;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                answer(exchange, 404, "not found");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                answer(exchange, 405, "POST only");
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                answer(exchange, 413, "body above " + MAX_BODY_BYTES + " bytes");
                return;
            }
            String github = exchange.getRequestHeaders().getFirst(WebhookSignature.GITHUB_HEADER);
            String gitea = exchange.getRequestHeaders().getFirst(WebhookSignature.GITEA_HEADER);
            if (!signature.verifies(body, github, gitea)) {
                runner.note("refused a request from " + exchange.getRemoteAddress().getAddress().getHostAddress()
                        + ": " + (github == null && gitea == null ? "no signature" : "bad signature"));
                answer(exchange, 401, "bad or missing signature");
                return;
            }
            String ref = ref(body);
            if (ref == null) {
                answer(exchange, 400, "not a push event: no ref");
                return;
            }
            if (!("refs/heads/" + settings.branch()).equals(ref)) {
                answer(exchange, 202, "ignored: a push of " + ref + ", not of " + settings.branch());
                return;
            }
            DeployRunner.Outcome outcome = runner.request("push of " + ref + " " + after(body));
            answer(exchange, 202, outcome == DeployRunner.Outcome.STARTED ? "deploying"
                    : "queued: runs after the deploy under way");
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static String ref(byte[] body) {
        try {
            JsonNode ref = JSON.readTree(body).path("ref");
            return ref.isTextual() ? ref.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String after(byte[] body) {
        try {
            String after = JSON.readTree(body).path("after").asText("");
            return after.matches("[0-9a-f]{7,64}") ? "at " + after.substring(0, Math.min(12, after.length())) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void answer(HttpExchange exchange, int status, String message) throws IOException {
        byte[] json = JSON.writeValueAsBytes(Map.of("status", status, "message", message));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    /** Stops answering, lets a deploy under way (and the one queued) finish within the bound, then closes. */
    void stopAfterDeploys(Duration bound) throws InterruptedException {
        server.stop(0);
        if (!runner.awaitIdle(bound)) {
            runner.note("stopping with a deploy still running after " + bound.toSeconds() + " s");
        }
        close();
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        handlers.shutdown();
        runner.close();
    }
}
