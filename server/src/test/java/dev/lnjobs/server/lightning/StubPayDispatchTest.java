package dev.lnjobs.server.lightning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.Dispatches;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stub pay that takes JSON is answered by StubPayFilter, without a pass through the DispatcherServlet (which
 * publishes a ServletRequestHandledEvent here, as in JobLongPollTest, and nowhere in production), and answers what
 * Spring MVC answers for the same pay: the same JSON, content type and headers.
 */
@TestPropertySource(properties = "spring.mvc.publish-request-handled-events=true")
class StubPayDispatchTest extends ServerTest {

    @Autowired
    private ConfigurableApplicationContext context;

    @Test
    void a_stub_pay_passes_no_dispatcher_and_answers_what_spring_mvc_answers() {
        ApiClient api = api();
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Count to three\"}").body();
        String path = "/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText();
        try (Dispatches dispatches = new Dispatches(context, path)) {
            ApiClient.Response first = pay(api, path, null);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body().path("outcome").asText()).isEqualTo("CONFIRMED");
            assertThat(first.body().path("preimage").asText()).matches("[0-9a-f]{64}");
            ApiClient.Response again = pay(api, path, "application/json");
            ApiClient.Response viaMvc = pay(api, path, "application/*"); // an Accept the filter leaves to Spring MVC
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> dispatches.count() <= 1);
            assertThat(dispatches.passes()).as("only the pay the filter left to Spring MVC was dispatched").hasSize(1);

            assertThat(again.body().path("outcome").asText()).isEqualTo("ALREADY_PAID");
            assertThat(again.raw().body()).isEqualTo(viaMvc.raw().body());
            assertThat(again.contentType()).isEqualTo(viaMvc.contentType()).isEqualTo("application/json");
            assertThat(Dispatches.headerNamesButFraming(again)).isEqualTo(Dispatches.headerNamesButFraming(viaMvc));
        }
    }

    @Test
    void a_stub_pay_of_an_unknown_or_malformed_hash_gets_spring_mvcs_problem() {
        ApiClient api = api();
        ApiClient.Response unknown = pay(api, "/api/dev/stub/pay/" + "cd".repeat(32), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).isEqualTo("application/problem+json");
        ApiClient.Response malformed = pay(api, "/api/dev/stub/pay/not-a-hash", null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).isEqualTo("application/problem+json");
    }

    private static ApiClient.Response pay(ApiClient api, String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            request.header("Accept", accept);
        }
        return api.send(request);
    }
}
