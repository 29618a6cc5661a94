package dev.lnjobs.server.web;

import dev.lnjobs.server.support.ServerProcess;
import dev.lnjobs.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PRODUCTION=true without a profile, on the stubs every test runs with: the JVM refuses to start, naming every
 * setting it lacks in one report, and exits non-zero. Before this check it started, with a stub pay route.
 */
class ProductionStartupTest {

    private static final String ROOT_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void production_on_stubs_exits_non_zero_naming_every_missing_setting() throws IOException {
        try (ServerProcess server = new ServerProcess("production-on-stubs", TestDatabases.freshDatabase(),
                ServerProcess.freePort(), List.of("--lnjobs.production=true",
                "--lnjobs.session.macaroon-root-key=" + ROOT_KEY, "--lnjobs.admin.token="))) {
            server.start();

            int exitCode = server.awaitExit(Duration.ofSeconds(120));

            String log = Files.readString(server.logFile());
            assertThat(exitCode).as("exit code; log:%n%s", log).isNotZero();
            assertThat(log).contains("would run on stubs or development keys")
                    .contains("LNBITS_URL", "LNBITS_API_KEY", "AI_INTEGRATIONS_ANTHROPIC_BASE_URL",
                            "AI_INTEGRATIONS_ANTHROPIC_API_KEY", "BTC_PRICE_OFFLINE", "DO_API_TOKEN",
                            "SSH_KEY_ENCRYPTION_KEY")
                    .doesNotContain(ROOT_KEY)
                    .doesNotContain("Tomcat started");
        }
    }
}
