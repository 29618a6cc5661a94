package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.LnJobsApplication;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.TestSettings;
import dev.lnjobs.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server stops mid-flow and starts again on the same database; the job still completes. */
class RestartTest {

    private final String databaseUrl = TestDatabases.freshDatabase();

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>();
        args.add("--lnjobs.database.url=" + databaseUrl);
        args.add("--server.port=0");
        TestSettings.all().forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(LnJobsApplication.class).run(args.toArray(String[]::new));
    }

    private static ApiClient api(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new ApiClient("http://localhost:" + port);
    }

    @Test
    void a_job_stopped_right_after_its_evaluation_was_paid_completes_after_a_restart() {
        String jobId;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = api(first);
            JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Survive a restart\"}").body();
            jobId = created.path("jobId").asText();
            assertThat(api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText())
                    .body().path("outcome").asText()).isEqualTo("CONFIRMED");
        }
        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = api(second);
            JsonNode awaitingWork = JobWalkthroughTest.pollUntil(api, jobId, "awaiting_work_payment", true);
            api.post("/api/dev/stub/pay/" + awaitingWork.path("workInvoice").path("paymentHash").asText());
            JsonNode complete = JobWalkthroughTest.pollUntil(api, jobId, "complete", false);
            assertThat(complete.path("result").asText()).isEqualTo("Stub result for: Survive a restart");
        }
    }

    @Test
    void a_payment_made_while_the_server_was_down_is_noticed_after_the_restart() {
        String jobId;
        String evalHash;
        try (ConfigurableApplicationContext first = start()) {
            JsonNode created = api(first).postJson("/api/jobs", "{\"request\": \"Paid while down\"}").body();
            jobId = created.path("jobId").asText();
            evalHash = created.path("evalInvoice").path("paymentHash").asText();
        }
        try (ConfigurableApplicationContext second = start()) {
            // The wallet is paid directly, as a payer would, without telling the service: the watcher must notice.
            second.getBean(dev.lnjobs.infra.lightning.StubLightningNode.class).markPaid(evalHash);
            JsonNode awaitingWork = JobWalkthroughTest.pollUntil(api(second), jobId, "awaiting_work_payment", true);
            assertThat(awaitingWork.path("evalInvoice").path("paid").asBoolean()).isTrue();
        }
    }
}
