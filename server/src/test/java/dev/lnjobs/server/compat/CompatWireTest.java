package dev.lnjobs.server.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.compat.CompatSessionFixture.FundedSession;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compatible routes' wire as curl sees it: each provider's error shape (never problem+json), both key headers,
 * the models list with its sat prices, the raw event streams, and the OpenAPI document's tags.
 */
class CompatWireTest extends ServerTest {

    private static final String CHAT = "{\"model\": \"any\", \"messages\": [{\"role\": \"user\", "
            + "\"content\": \"What is a satoshi?\"}]";
    private static final String MESSAGE = "{\"model\": \"any\", \"max_tokens\": 300, \"messages\": [{\"role\": "
            + "\"user\", \"content\": \"What is a satoshi?\"}]";

    private ApiClient.Response post(String path, String json, String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api().base() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return api().send(value == null ? request : request.header(header, value));
    }

    @Test
    void openai_errors_are_openais_shape_with_their_status() {
        ApiClient.Response noKey = post("/v1/chat/completions", CHAT + "}", "Authorization", null);
        assertThat(noKey.status()).as("no credential: the L402 challenge").isEqualTo(402);
        assertThat(noKey.body().path("error").path("code").asText()).isEqualTo("payment_required");
        ApiClient.Response badKey = post("/v1/chat/completions", CHAT + "}", "Authorization", "Bearer sk-not-ours");
        assertThat(badKey.status()).isEqualTo(401);
        assertThat(badKey.contentType()).startsWith("application/json");
        JsonNode error = badKey.body().path("error");
        assertThat(error.path("type").asText()).isEqualTo("authentication_error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.has("param")).isTrue();
        assertThat(error.path("message").asText()).contains("invalid API key");

        FundedSession session = new CompatSessionFixture(api()).openAndPay(1000);
        ApiClient.Response malformed = post("/v1/chat/completions", "{\"messages\": [", "Authorization",
                "Bearer " + session.macaroon());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        ApiClient.Response quoted = post("/v1/chat/completions", CHAT + ", \"max_tokens\": \"300\"}",
                "Authorization", "Bearer " + session.macaroon());
        assertThat(quoted.status()).isEqualTo(400);
        assertThat(quoted.body().path("error").path("param").asText()).isEqualTo("max_tokens");
    }

    @Test
    void anthropic_errors_are_anthropics_shape_with_their_status() {
        ApiClient.Response badKey = post("/v1/messages", MESSAGE + "}", "x-api-key", "sk-ant-not-ours");
        assertThat(badKey.status()).isEqualTo(401);
        assertThat(badKey.contentType()).startsWith("application/json");
        assertThat(badKey.body().path("type").asText()).isEqualTo("error");
        assertThat(badKey.body().path("error").path("type").asText()).isEqualTo("authentication_error");

        FundedSession session = new CompatSessionFixture(api()).openAndPay(1000);
        ApiClient.Response noMaxTokens = post("/v1/messages", CHAT + "}", "x-api-key", session.macaroon());
        assertThat(noMaxTokens.status()).isEqualTo(400);
        assertThat(noMaxTokens.body().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(noMaxTokens.body().path("error").path("message").asText()).contains("max_tokens");
        assertThat(new CompatSessionFixture(api()).balance(session)).isEqualTo(1000);
    }

    @Test
    void either_key_header_works_on_either_route() {
        CompatSessionFixture sessions = new CompatSessionFixture(api());
        FundedSession session = sessions.openAndPay(1000);
        ApiClient.Response openAi = post("/v1/chat/completions", CHAT + "}", "x-api-key", session.macaroon());
        assertThat(openAi.status()).isEqualTo(200);
        assertThat(openAi.body().path("object").asText()).isEqualTo("chat.completion");
        ApiClient.Response anthropic = post("/v1/messages", MESSAGE + "}", "Authorization",
                "Bearer " + session.macaroon());
        assertThat(anthropic.status()).isEqualTo(200);
        assertThat(anthropic.body().path("type").asText()).isEqualTo("message");
        assertThat(anthropic.header("X-Balance-Sats")).isEqualTo(Long.toString(1000 - 126 - 126));
        assertThat(sessions.settledBalance(session)).isEqualTo(1000 - 126 - 126);
    }

    @Test
    void the_models_list_names_the_work_model_with_its_sat_prices() {
        JsonNode models = api().get("/v1/models").body();
        assertThat(models.path("object").asText()).isEqualTo("list");
        JsonNode model = models.path("data").get(0);
        assertThat(model.path("id").asText()).isEqualTo("claude-sonnet-4-6");
        assertThat(model.path("object").asText()).isEqualTo("model");
        // 0.003 and 0.015 USD per 1K, with the 25 % margin, at the 100,000 USD/BTC fallback price
        assertThat(model.path("sats_per_1k_input_tokens").decimalValue()).isEqualByComparingTo("3.75");
        assertThat(model.path("sats_per_1k_output_tokens").decimalValue()).isEqualByComparingTo("18.75");
        assertThat(model.path("sats_per_request_infra").decimalValue()).isEqualByComparingTo("125");
    }

    @Test
    void the_raw_openai_stream_is_data_only_chunks_ending_with_done() {
        FundedSession session = new CompatSessionFixture(api()).openAndPay(1000);
        ApiClient.Response stream = post("/v1/chat/completions", CHAT + ", \"stream\": true}", "Authorization",
                "Bearer " + session.macaroon());
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        List<String> data = field(stream.raw().body(), "data: ");
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        assertThat(data.get(0)).contains("\"object\":\"chat.completion.chunk\"").contains("\"role\":\"assistant\"");
        assertThat(data.get(data.size() - 2)).contains("\"finish_reason\":\"stop\"");
        assertThat(field(stream.raw().body(), "event: ")).isEmpty();
        assertThat(data).noneMatch(chunk -> chunk.contains("\"usage\"")); // include_usage was not asked for
    }

    @Test
    void the_raw_anthropic_stream_names_each_event() {
        FundedSession session = new CompatSessionFixture(api()).openAndPay(1000);
        ApiClient.Response stream = post("/v1/messages", MESSAGE + ", \"stream\": true}", "x-api-key",
                session.macaroon());
        assertThat(stream.status()).isEqualTo(200);
        List<String> events = field(stream.raw().body(), "event: ");
        assertThat(events).startsWith("message_start", "content_block_start", "ping", "content_block_delta")
                .endsWith("content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events).containsOnly("message_start", "content_block_start", "ping", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
    }

    @Test
    void the_openapi_document_tags_the_compatible_routes() {
        JsonNode paths = api().get("/api/openapi.json").body().path("paths");
        assertThat(paths.path("/v1/chat/completions").path("post").path("tags").get(0).asText())
                .isEqualTo("OpenAI-compatible");
        assertThat(paths.path("/v1/models").path("get").path("tags").get(0).asText()).isEqualTo("OpenAI-compatible");
        assertThat(paths.path("/v1/messages").path("post").path("tags").get(0).asText())
                .isEqualTo("Anthropic-compatible");
    }

    private static List<String> field(String body, String prefix) {
        List<String> values = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith(prefix)) {
                values.add(line.substring(prefix.length()));
            }
        }
        return values;
    }
}
