package dev.lnjobs.server.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The deploy hook over real HTTP, with a deploy command that is a small script the test holds open. */
class DeployHookTest {

    private static final String SECRET = "push-secret";
    private static final String MAIN_PUSH = "{\"ref\": \"refs/heads/main\", \"after\": \"" + "ab12".repeat(10) + "\"}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private DeployHook hook;

    @AfterEach
    void stop() throws InterruptedException {
        if (hook != null) {
            // let a held script finish, so that no process outlives the test
            try {
                Files.createFile(dir.resolve("release"));
            } catch (IOException ignored) {
                // already released
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> hook.runner().idle());
            hook.close();
        }
    }

    /**
     * Each run appends "start" to runs.txt, holds until the test creates the file "release" (and consumes it),
     * then appends "end". Runs overlapping would find running.d made already and write "overlap".
     */
    private DeployHook startHook() throws IOException {
        Path script = dir.resolve("fake-deploy.sh");
        Files.writeString(script, """
                #!/bin/sh
                cd "$(dirname "$0")"
                mkdir running.d 2>/dev/null || echo overlap >> runs.txt
                echo start >> runs.txt
                while [ ! -f release ]; do sleep 0.05; done
                rm -f release
                echo end >> runs.txt
                rmdir running.d
                """);
        script.toFile().setExecutable(true);
        hook = DeployHook.start(DeployHook.Settings.from(Map.of(
                "DEPLOY_HOOK_BIND", "127.0.0.1", "DEPLOY_HOOK_PORT", "0", "DEPLOY_WEBHOOK_SECRET", SECRET,
                "DEPLOY_COMMAND", script.toString(), "DEPLOY_LOG", dir.resolve("deploy.log").toString())));
        return hook;
    }

    private HttpResponse<String> post(String body, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hook.port() + DeployHook.PATH))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            request.header(header, value);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signedPush(String body) throws Exception {
        return post(body, "X-Hub-Signature-256", "sha256=" + new WebhookSignature(SECRET).signHex(
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> runs() throws IOException {
        Path runs = dir.resolve("runs.txt");
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }

    private void release() throws IOException {
        Files.createFile(dir.resolve("release"));
    }

    @Test
    void answers_401_to_a_missing_or_bad_signature_and_runs_nothing() throws Exception {
        startHook();
        String hex = new WebhookSignature(SECRET).signHex(MAIN_PUSH.getBytes(StandardCharsets.UTF_8));

        assertThat(post(MAIN_PUSH, null, null).statusCode()).isEqualTo(401);
        assertThat(post(MAIN_PUSH, "X-Hub-Signature-256", "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(401);
        assertThat(post(MAIN_PUSH, "X-Gitea-Signature", new WebhookSignature("other").signHex(
                MAIN_PUSH.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
        assertThat(post(MAIN_PUSH.replace("main", "mains"), "X-Gitea-Signature", hex).statusCode())
                .as("a signature of another body").isEqualTo(401);
        assertThat(hook.runner().runs()).isZero();
        assertThat(Files.readString(dir.resolve("deploy.log"))).contains("no signature", "bad signature")
                .doesNotContain(SECRET);
    }

    @Test
    void answers_202_to_a_push_of_another_branch_and_ignores_it() throws Exception {
        startHook();
        String push = "{\"ref\": \"refs/heads/feature\"}";

        HttpResponse<String> response = post(push, "X-Gitea-Signature",
                new WebhookSignature(SECRET).signHex(push.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("ignored");
        assertThat(hook.runner().runs()).isZero();
    }

    @Test
    void a_signed_push_of_main_in_gitea_form_runs_the_deploy_command() throws Exception {
        startHook();

        HttpResponse<String> response = post(MAIN_PUSH, "X-Gitea-Signature",
                new WebhookSignature(SECRET).signHex(MAIN_PUSH.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("deploying");
        await().atMost(Duration.ofSeconds(10)).until(() -> runs().contains("start"));
        release();
        await().atMost(Duration.ofSeconds(10)).until(() -> hook.runner().idle());
        assertThat(runs()).containsExactly("start", "end");
        assertThat(Files.readString(dir.resolve("deploy.log"))).contains("push of refs/heads/main at ab12ab12ab12",
                "deploy finished");
    }

    @Test
    void pushes_during_a_deploy_queue_one_more_run_and_never_run_two_at_once() throws Exception {
        startHook();

        assertThat(signedPush(MAIN_PUSH).body()).contains("deploying");
        await().atMost(Duration.ofSeconds(10)).until(() -> runs().contains("start"));
        assertThat(signedPush(MAIN_PUSH).body()).contains("queued");
        assertThat(signedPush(MAIN_PUSH).body()).contains("queued");
        assertThat(runs()).containsExactly("start");

        release();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs().size() == 3);
        assertThat(runs()).containsExactly("start", "end", "start");
        release();
        await().atMost(Duration.ofSeconds(10)).until(() -> hook.runner().idle());

        assertThat(runs()).containsExactly("start", "end", "start", "end");
        assertThat(hook.runner().runs()).as("three pushes, one deploy under way: one more run").isEqualTo(2);
    }

    @Test
    void a_stop_lets_the_deploy_under_way_finish_first() throws Exception {
        startHook();
        signedPush(MAIN_PUSH);
        await().atMost(Duration.ofSeconds(10)).until(() -> runs().contains("start"));

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                hook.stopAfterDeploys(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(stopping).isNotDone();
        release();

        stopping.get(20, TimeUnit.SECONDS);
        assertThat(runs()).containsExactly("start", "end");
        hook = null;
    }

    @Test
    void answers_404_elsewhere_and_405_to_other_methods() throws Exception {
        startHook();
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hook.port() + DeployHook.PATH)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> elsewhere = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hook.port() + "/webhook/other"))
                .POST(HttpRequest.BodyPublishers.ofString(MAIN_PUSH)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    @Test
    void the_command_refuses_to_start_without_a_secret() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = DeployHookCommand.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err),
                Map.of("DEPLOY_HOOK_PORT", "0"));

        assertThat(exit).isEqualTo(DeployHookCommand.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("DEPLOY_WEBHOOK_SECRET is not set");
        assertThat(DeployHookCommand.isRequested("deploy-hook")).isTrue();
        assertThat(DeployHookCommand.isRequested("--server.port=1")).isFalse();
    }
}
