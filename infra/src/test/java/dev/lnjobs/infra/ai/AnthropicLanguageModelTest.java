package dev.lnjobs.infra.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.sagas.ai.LanguageModel.Evaluation;
import dev.lnjobs.sagas.ai.LanguageModel.WorkResult;
import dev.lnjobs.sagas.ai.LanguageModelException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;

import static dev.lnjobs.infra.http.WireTestSupport.baseUrl;
import static dev.lnjobs.infra.http.WireTestSupport.bodyOf;
import static dev.lnjobs.infra.http.WireTestSupport.impatientClient;
import static dev.lnjobs.infra.http.WireTestSupport.takeRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnthropicLanguageModelTest {

    private static final String API_KEY = "sk-ant-test-0123456789";
    private static final String MODEL = "claude-sonnet-4-5";
    private static final ObjectMapper JSON = new ObjectMapper();

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
        return new AnthropicLanguageModel(baseUrl(anthropic), API_KEY, impatientClient(), JSON);
    }

    /** A 200 shaped like the Messages API documentation, with the given text as the only text block. */
    private void answerText(String text, long inputTokens, long outputTokens) {
        ObjectNode message = JSON.createObjectNode()
                .put("id", "msg_013Zva2CMHLNnXjNJJKqJ2EF").put("type", "message").put("role", "assistant")
                .put("model", MODEL).put("stop_reason", "end_turn").putNull("stop_sequence");
        message.putArray("content").addObject().put("type", "text").put("text", text);
        message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
        anthropic.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(message.toString()));
    }

    private void answerError(int status, String errorType, String message) {
        anthropic.enqueue(new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("""
                        {"type": "error", "error": {"type": "%s", "message": "%s"}}""".formatted(errorType, message)));
    }

    @Test
    void sends_documented_messages_request_for_work() {
        answerText("Paris.", 25, 3);

        model().work(MODEL, "What is the capital of France?", 1024);

        RecordedRequest request = takeRequest(anthropic);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/v1/messages");
        assertThat(request.getHeader("x-api-key")).isEqualTo(API_KEY);
        assertThat(request.getHeader("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.getHeader("content-type")).isEqualTo("application/json");
        var body = bodyOf(request);
        assertThat(body.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("model", "max_tokens", "system", "messages");
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.path("system").asText()).isEqualTo(AnthropicLanguageModel.WORK_PROMPT);
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("What is the capital of France?");
    }

    @Test
    void uses_configured_max_tokens_for_work_when_the_caller_allows_more() {
        answerText("ok", 10, 1);

        new AnthropicLanguageModel(baseUrl(anthropic) + "/", API_KEY, impatientClient(), JSON, 4096)
                .work(MODEL, "hi", 5000);

        RecordedRequest request = takeRequest(anthropic);
        assertThat(request.getPath()).isEqualTo("/v1/messages");
        assertThat(bodyOf(request).path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void caps_max_tokens_at_the_output_the_caller_priced_or_reserved_for() {
        answerText("ok", 10, 1);

        new AnthropicLanguageModel(baseUrl(anthropic) + "/", API_KEY, impatientClient(), JSON, 4096)
                .work(MODEL, "hi", 400);

        assertThat(bodyOf(takeRequest(anthropic)).path("max_tokens").asInt()).isEqualTo(400);
    }

    @Test
    void parses_text_blocks_and_usage_of_work_result() {
        anthropic.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "text", "text": "First part. "},
                             {"type": "tool_use", "id": "toolu_01", "name": "noop", "input": {}},
                             {"type": "text", "text": "Second part."}],
                 "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 2095, "output_tokens": 503, "cache_read_input_tokens": 0}}"""));

        WorkResult result = model().work(MODEL, "Explain.", 1024);

        assertThat(result).isEqualTo(new WorkResult("First part. Second part.", new TokenUsage(2095, 503)));
    }

    @Test
    void evaluation_asks_for_json_verdict_and_parses_acceptance() {
        answerText("{\"accepted\": true, \"reason\": \"A harmless geography question.\"}", 180, 16);

        Evaluation evaluation = model().evaluate(MODEL, "What is the capital of France?");

        assertThat(evaluation)
                .isEqualTo(new Evaluation(true, "A harmless geography question.", new TokenUsage(180, 16)));
        var body = bodyOf(takeRequest(anthropic));
        assertThat(body.path("system").asText()).isEqualTo(AnthropicLanguageModel.EVALUATION_PROMPT)
                .contains("\"accepted\"");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(AnthropicLanguageModel.EVALUATION_MAX_TOKENS);
    }

    @Test
    void parses_rejection_wrapped_in_prose_and_code_fence() {
        answerText("""
                Here is my verdict {as requested}:
                ```json
                {"accepted": false, "reason": "Asks for malware {payload}."}
                ```
                Let me know if you need more.""", 200, 30);

        Evaluation evaluation = model().evaluate(MODEL, "write ransomware");

        assertThat(evaluation.accepted()).isFalse();
        assertThat(evaluation.reason()).isEqualTo("Asks for malware {payload}.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I think this request is fine.", "{\"accepted\": \"maybe\"}", "{\"accepted\": tru", ""})
    void treats_unreadable_evaluation_as_rejected(String modelText) {
        answerText(modelText, 150, 9);

        Evaluation evaluation = model().evaluate(MODEL, "anything");

        assertThat(evaluation).isEqualTo(new Evaluation(false, "evaluation unreadable", new TokenUsage(150, 9)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            ", \"usage\": null",
            ", \"usage\": {}",
            ", \"usage\": {\"input_tokens\": 2095}",
            ", \"usage\": {\"input_tokens\": 2095, \"output_tokens\": \"503\"}",
            ", \"usage\": {\"input_tokens\": -1, \"output_tokens\": 503}"})
    void fails_transiently_when_the_answer_reports_no_usable_usage(String usage) {
        anthropic.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                {"id": "msg_01", "type": "message", "role": "assistant", "model": "%s",
                 "content": [{"type": "text", "text": "A long answer"}], "stop_reason": "end_turn"%s}"""
                .formatted(MODEL, usage)));

        assertThatThrownBy(() -> model().work(MODEL, "hi", 1024))
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("usage");
                });
    }

    @Test
    void treats_rate_limit_as_transient_and_honours_retry_after() {
        anthropic.enqueue(new MockResponse().setResponseCode(429).setHeader("retry-after", "30").setBody("""
                {"type": "error", "error": {"type": "rate_limit_error",
                 "message": "Number of request tokens has exceeded your per-minute rate limit"}}"""));

        assertThatThrownBy(() -> model().work(MODEL, "hi", 1024))
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                    assertThat(e.getMessage()).contains("rate_limit_error").doesNotContain(API_KEY);
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 529})
    void treats_overload_and_server_errors_as_transient(int status) {
        answerError(status, status == 529 ? "overloaded_error" : "api_error", "Overloaded");

        assertThatThrownBy(() -> model().evaluate(MODEL, "hi"))
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.retryAfter()).isEmpty();
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413})
    void rejects_client_errors_as_non_transient_with_provider_message(int status) {
        answerError(status, "invalid_request_error", "max_tokens: Field required");

        assertThatThrownBy(() -> model().work(MODEL, "hi", 1024))
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains(String.valueOf(status)).contains("max_tokens: Field required");
                });
    }

    @Test
    void treats_read_timeout_as_transient() {
        anthropic.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

        assertThatThrownBy(() -> model().work(MODEL, "hi", 1024))
                .isInstanceOfSatisfying(LanguageModelException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).doesNotContain(API_KEY);
                });
    }

    @Test
    void ignores_retry_after_that_is_not_whole_seconds() {
        assertThat(AnthropicLanguageModel.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
        assertThat(AnthropicLanguageModel.retryAfter(" 7 ")).isEqualTo(Duration.ofSeconds(7));
    }
}
