package dev.lnjobs.server;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/deploy.sh run for real against a temporary /opt/lnjobs, with a stand-in for systemctl whose "start" runs
 * the jar laid out in app/ (it records which one runs) and a health endpoint that is UP only while a good jar runs.
 */
class DeployScriptTest {

    private static final Path DEPLOY_SH = Path.of("..", "deploy", "deploy.sh").toAbsolutePath();

    @TempDir
    Path dir;
    private Path home;
    private HttpServer health;

    @BeforeEach
    void layOutARunningServer() throws IOException {
        home = Files.createDirectories(dir.resolve("opt-lnjobs"));
        Files.writeString(home.resolve("lnjobs.jar"), "good jar 1");
        Files.createDirectories(home.resolve("app"));
        Files.writeString(home.resolve("app/lnjobs.jar"), "good jar 1");
        Files.writeString(home.resolve("running"), "good jar 1");
        script("fake-systemctl", """
                #!/bin/sh
                echo "systemctl $*" >> "$LNJOBS_HOME/service.log"
                case "$1" in
                    start) cp "$LNJOBS_HOME/app/lnjobs.jar" "$LNJOBS_HOME/running" ;;
                    stop) rm -f "$LNJOBS_HOME/running" ;;
                esac
                """);
        script("fake-prepare-app", """
                #!/bin/sh
                mkdir -p "$2" && cp "$1" "$2/lnjobs.jar"
                """);
        health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/actuator/health", exchange -> {
            Path running = home.resolve("running");
            boolean up = Files.exists(running) && Files.readString(running).startsWith("good");
            byte[] body = (up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        health.start();
    }

    @AfterEach
    void stopHealth() {
        health.stop(0);
    }

    @Test
    void a_jar_that_never_turns_healthy_is_rolled_back_and_the_previous_one_runs_again() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.jar"), "bad jar 2");

        Result result = deploy(bad);

        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(Files.readString(home.resolve("running"))).as("the jar running").isEqualTo("good jar 1");
        assertThat(Files.readString(home.resolve("lnjobs.jar"))).isEqualTo("good jar 1");
        assertThat(Files.readString(home.resolve("app/lnjobs.jar"))).isEqualTo("good jar 1");
        assertThat(Files.readString(home.resolve("lnjobs.jar.failed"))).isEqualTo("bad jar 2");
        assertThat(Files.readString(home.resolve("deploy.log")))
                .contains("rolling back to the previous jar", "the previous one runs again");
        assertThat(Files.readAllLines(home.resolve("service.log"))).containsExactly(
                "systemctl stop lnjobs.service", "systemctl start lnjobs.service",
                "systemctl stop lnjobs.service", "systemctl start lnjobs.service");
    }

    @Test
    void a_jar_that_turns_healthy_stays_and_the_one_before_is_kept_as_previous() throws Exception {
        Path good = Files.writeString(dir.resolve("good.jar"), "good jar 2");

        Result result = deploy(good);

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(Files.readString(home.resolve("running"))).isEqualTo("good jar 2");
        assertThat(Files.readString(home.resolve("lnjobs.jar.previous"))).isEqualTo("good jar 1");
        assertThat(Files.readString(home.resolve("app.previous/lnjobs.jar"))).isEqualTo("good jar 1");
        assertThat(Files.readString(home.resolve("deploy.log"))).contains("deployed: lnjobs.service is UP");
    }

    private record Result(int exit, String output) {
    }

    private Result deploy(Path jar) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", DEPLOY_SH.toString(), "--jar", jar.toString())
                .redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(Map.of(
                "LNJOBS_HOME", home.toString(),
                "LNJOBS_HEALTH_URL", "http://127.0.0.1:" + health.getAddress().getPort() + "/actuator/health",
                "LNJOBS_SERVICE_CTL", dir.resolve("fake-systemctl").toString(),
                "LNJOBS_PREPARE_APP", dir.resolve("fake-prepare-app").toString(),
                "LNJOBS_FILE_OWNER", "", "LNJOBS_HOOK_SERVICE", "",
                "LNJOBS_HEALTH_TIMEOUT_SECONDS", "4",
                "LNJOBS_ROLLBACK_TIMEOUT_SECONDS", "30"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("deploy.sh finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private void script(String name, String text) throws IOException {
        Path script = Files.writeString(dir.resolve(name), text);
        assertThat(script.toFile().setExecutable(true)).isTrue();
    }
}
