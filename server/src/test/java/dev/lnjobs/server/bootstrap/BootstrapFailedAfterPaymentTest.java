package dev.lnjobs.server.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.cloud.RefusingCloudProvider;
import dev.lnjobs.sagas.bootstrap.CloudProvider;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import dev.lnjobs.server.support.TestSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bootstrap whose provisioning fails for good after its fee was paid (a cloud that refuses every call) owes the
 * fee back: its view shows it, and the balance sheet counts it as owed, not earned.
 */
@Import(BootstrapFailedAfterPaymentTest.RefusingCloud.class)
class BootstrapFailedAfterPaymentTest extends ServerTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class RefusingCloud {

        @Bean
        @Primary
        CloudProvider refusingCloudProvider() {
            return new RefusingCloudProvider();
        }
    }

    @Test
    void a_bootstrap_failing_after_its_fee_was_paid_owes_the_fee_back() {
        ApiClient api = api();
        JsonNode created = api.post("/api/bootstrap").body();
        String id = created.path("bootstrapJobId").asText();
        api.post("/api/dev/stub/pay/" + created.path("invoice").path("paymentHash").asText());

        JsonNode failed = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/bootstrap/" + id).body(),
                b -> "failed".equals(b.path("state").asText()) && b.has("refundAmountSats"));

        assertThat(failed.path("refundAmountSats").asLong()).isEqualTo(10_000);
        ApiClient.Response ledger = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/admin/audit/ledger"))
                .header("Authorization", "Bearer " + TestSettings.all().get("lnjobs.admin.token")).GET());
        assertThat(ledger.status()).isEqualTo(200);
        assertThat(ledger.body().path("details").findValuesAsText("id")).doesNotContain(id);
        assertThat(ledger.body().path("totals").path("owed").asLong()).isGreaterThanOrEqualTo(10_000);
    }
}
