package dev.lnjobs.server.job;

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
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job creation with a JSON body is answered by JobCreateFilter, without a pass through the DispatcherServlet
 * (which publishes a ServletRequestHandledEvent here, as in StubPayDispatchTest), and answers what Spring MVC answers
 * for a creation: the status, headers and fields. Bodies the filter does not take go on to Spring MVC and get its
 * problems.
 */
@TestPropertySource(properties = "spring.mvc.publish-request-handled-events=true")
class JobCreateDispatchTest extends ServerTest {

    private static final String BODY = "{\"request\": \"Count to three\"}";

    @Autowired
    private ConfigurableApplicationContext context;

    @Test
    void a_creation_passes_no_dispatcher_and_answers_what_spring_mvc_answers() {
        ApiClient api = api();
        try (Dispatches dispatches = new Dispatches(context, "/api/jobs")) {
            ApiClient.Response direct = create(api, "application/json", "application/json", BODY);
            ApiClient.Response viaMvc = create(api, "application/*", "application/json", BODY); // left to MVC
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> dispatches.count() <= 1);
            assertThat(dispatches.passes()).as("only the creation the filter left to Spring MVC was dispatched")
                    .hasSize(1);

            assertThat(direct.status()).isEqualTo(viaMvc.status()).isEqualTo(201);
            assertThat(direct.contentType()).isEqualTo(viaMvc.contentType()).isEqualTo("application/json");
            assertThat(Dispatches.headerNamesButFraming(direct)).isEqualTo(Dispatches.headerNamesButFraming(viaMvc));
            assertThat(fieldNames(direct.body())).isEqualTo(fieldNames(viaMvc.body()));
            String jobId = direct.body().path("jobId").asText();
            assertThat(direct.header("Location")).isEqualTo("/api/jobs/" + jobId);
            assertThat(direct.body().path("evalInvoice").path("paymentRequest").asText()).startsWith("ln");
            assertThat(direct.body().path("accessToken").asText()).isNotBlank();
            JsonNode read = api.get("/api/jobs/" + jobId).body();
            assertThat(read.path("state").asText()).isEqualTo(direct.body().path("state").asText());
            assertThat(direct.header("ETag")).isEqualTo(api.get("/api/jobs/" + jobId).header("ETag"));
        }
    }

    @Test
    void bodies_the_filter_does_not_take_get_spring_mvcs_answers() {
        ApiClient api = api();
        try (Dispatches dispatches = new Dispatches(context, "/api/jobs")) {
            assertProblem(create(api, null, "application/json", "{\"request\": 42}"), 400);
            assertProblem(create(api, null, "application/json", "{\"request\": "), 400);
            assertProblem(create(api, null, "application/json", ""), 400);
            assertProblem(create(api, null, "application/json", "null"), 400);
            assertProblem(create(api, null, "application/json", "{\"request\": \"  \"}"), 400);
            assertProblem(create(api, null, "application/json",
                    "{\"request\": \"Count\", \"refundAddress\": \"not an address\"}"), 400);
            assertProblem(create(api, null, "text/plain", BODY), 415);
            ApiClient.Response latin = create(api, null, "application/json; charset=ISO-8859-1", BODY);
            assertThat(latin.status()).isEqualTo(201); // Spring MVC reads that charset; the filter leaves it
            await().atMost(Duration.ofSeconds(3)).until(() -> dispatches.count() == 8);
        }
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
    }

    private static Set<String> fieldNames(JsonNode body) {
        Set<String> names = new TreeSet<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ApiClient.Response create(ApiClient api, String accept, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + "/api/jobs"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return api.send(request);
    }
}
