package dev.lnjobs.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar server.jar deploy-hook}: the push-to-deploy webhook receiver (see {@link DeployHook}), set up
 * from the environment only. Runs until stopped. Exit code 2 when it cannot start (no secret, port taken).
 */
public final class DeployHookCommand {

    public static final String NAME = "deploy-hook";
    public static final int FAILED = 2;
    /** How long a stop waits for a deploy under way: deploy.sh's build plus its health and rollback waits. */
    static final Duration DEPLOY_BOUND = Duration.ofMinutes(9);

    private DeployHookCommand() {
    }

    public static boolean isRequested(String... args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, System.getenv());
    }

    static int run(PrintStream out, PrintStream err, Map<String, String> env) {
        String secret = env.get("DEPLOY_WEBHOOK_SECRET");
        if (secret == null || secret.isBlank()) {
            err.println(NAME + ": DEPLOY_WEBHOOK_SECRET is not set; refusing to run deploys for unsigned requests");
            return FAILED;
        }
        DeployHook.Settings settings;
        try {
            settings = DeployHook.Settings.from(env);
        } catch (NumberFormatException e) {
            err.println(NAME + ": DEPLOY_HOOK_PORT is not a port number: " + env.get("DEPLOY_HOOK_PORT"));
            return FAILED;
        }
        DeployHook hook;
        try {
            hook = DeployHook.start(settings);
        } catch (IOException | RuntimeException e) {
            err.println(NAME + ": could not listen on " + settings.bind() + ":" + settings.port() + ": " + e);
            return FAILED;
        }
        out.println(NAME + ": listening on " + settings.bind() + ":" + hook.port() + DeployHook.PATH
                + " for pushes of " + settings.branch() + "; runs '" + settings.command() + "', logs to "
                + settings.log());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                hook.stopAfterDeploys(DEPLOY_BOUND); // systemd's TimeoutStopSec is above it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }, "deploy-hook-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
