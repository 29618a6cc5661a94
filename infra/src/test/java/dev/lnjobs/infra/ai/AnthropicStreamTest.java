package dev.lnjobs.infra.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.sagas.ai.LanguageModel.WorkResult;
import dev.lnjobs.sagas.ai.LanguageModelException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.lnjobs.infra.http.WireTestSupport.baseUrl;
import static dev.lnjobs.infra.http.WireTestSupport.impatientClient;
import static dev.lnjobs.infra.http.WireTestSupport.takeRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The work call streamed through from Anthropic (the Messages API's documented event stream). */
class AnthropicStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "claude-sonnet-4-5";

    private final MockWebServer anthropic = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        anthropic.start();
    }

    @AfterEach
    void stop() throws IOException {
        anthropic.shutdown();
    }

    private AnthropicLanguageModel model() {
        return new AnthropicLanguageModel(baseUrl(anthropic), "sk-ant-test-0123456789", impatientClient(), JSON);
    }

    private static String recorded() throws IOException {
        try (InputStream in = AnthropicStreamTest.class.getResourceAsStream("/anthropic/messages-stream.sse")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void answerStream(String events) {
        anthropic.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(events));
    }

    @Test
    void hands_each_text_delta_on_and_answers_the_text_and_the_final_usage() throws Exception {
        answerStream(recorded());
        List<String> pieces = new ArrayList<>();
        WorkResult result = model().streamWork(MODEL, "Say hello", 300, pieces::add);

        assertThat(pieces).containsExactly("Hello", "!");
        assertThat(result.text()).isEqualTo("Hello!");
        assertThat(result.usage()).isEqualTo(new TokenUsage(25, 15));
        RecordedRequest request = takeRequest(anthropic);
        JsonNode body = JSON.readTree(request.getBody().readUtf8());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Say hello");
    }

    @Test
    void an_error_event_mid_stream_fails_the_call_after_the_pieces_already_handed_on() throws Exception {
        String events = recorded();
        answerStream(events.substring(0, events.indexOf("event: content_block_stop"))
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}\n\n");
        List<String> pieces = new ArrayList<>();
        assertThatThrownBy(() -> model().streamWork(MODEL, "Say hello", 300, pieces::add))
                .isInstanceOf(LanguageModelException.class)
                .hasMessageContaining("overloaded_error: Overloaded")
                .satisfies(e -> assertThat(((LanguageModelException) e).isTransient()).isTrue());
        assertThat(pieces).containsExactly("Hello", "!");
    }

    @Test
    void a_stream_cut_before_message_stop_is_a_transient_failure() throws Exception {
        String events = recorded();
        answerStream(events.substring(0, events.indexOf("event: message_delta")));
        assertThatThrownBy(() -> model().streamWork(MODEL, "Say hello", 300, piece -> { }))
                .isInstanceOf(LanguageModelException.class)
                .hasMessageContaining("ended before message_stop");
    }

    @Test
    void a_refused_stream_is_reported_with_anthropics_error() {
        anthropic.enqueue(new MockResponse().setResponseCode(529).setHeader("Content-Type", "application/json")
                .setBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertThatThrownBy(() -> model().streamWork(MODEL, "Say hello", 300, piece -> { }))
                .isInstanceOf(LanguageModelException.class)
                .hasMessageContaining("529").hasMessageContaining("Overloaded");
    }
}
