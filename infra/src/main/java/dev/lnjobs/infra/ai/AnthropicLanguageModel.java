package dev.lnjobs.infra.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.infra.http.HttpClients;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.sagas.ai.LanguageModelException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/** Claude models through Anthropic's Messages API (POST /v1/messages). */
public class AnthropicLanguageModel implements LanguageModel {

    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    public static final int DEFAULT_WORK_MAX_TOKENS = 1024;
    static final String API_VERSION = "2023-06-01";
    static final int EVALUATION_MAX_TOKENS = 256;

    static final String EVALUATION_PROMPT = """
            You screen requests sent to a paid AI job service before any work is done.
            Accept a request if it is lawful, not harmful and something a text-only assistant can answer.
            Reply with a single JSON object and nothing else: {"accepted": true|false, "reason": "<one sentence>"}""";

    static final String WORK_PROMPT = """
            You are a careful, helpful assistant doing a job a customer paid for.
            Answer the request completely and accurately in plain text; say so when you are unsure.""";

    private final HttpUrl messagesUrl;
    private final String apiKey;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final int workMaxTokens;
    private final EvaluationReader evaluations;

    public AnthropicLanguageModel(String baseUrl, String apiKey, OkHttpClient http, ObjectMapper json,
                                  int workMaxTokens) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("Anthropic API key is missing");
        }
        if (workMaxTokens <= 0) {
            throw new IllegalArgumentException("max tokens must be positive, not " + workMaxTokens);
        }
        this.messagesUrl = HttpClients.endpoint(baseUrl, "v1/messages");
        this.apiKey = apiKey;
        this.http = Objects.requireNonNull(http, "http");
        this.json = Objects.requireNonNull(json, "json");
        this.workMaxTokens = workMaxTokens;
        this.evaluations = new EvaluationReader(json);
    }

    public AnthropicLanguageModel(String baseUrl, String apiKey, OkHttpClient http, ObjectMapper json) {
        this(baseUrl, apiKey, http, json, DEFAULT_WORK_MAX_TOKENS);
    }

    @Override
    public Evaluation evaluate(String model, String request) {
        ModelReply reply = send(model, EVALUATION_PROMPT, request, EVALUATION_MAX_TOKENS);
        return evaluations.read(reply.text(), reply.usage());
    }

    @Override
    public WorkResult work(String model, String request, long maxOutputTokens) {
        // never above the configured ceiling, never above what the caller priced or reserved for, at least one
        int maxTokens = (int) Math.max(1, Math.min(workMaxTokens, maxOutputTokens));
        ModelReply reply = send(model, WORK_PROMPT, request, maxTokens);
        return new WorkResult(reply.text(), reply.usage());
    }

    /** The work call with {@code "stream": true}: Anthropic's text deltas are handed on as they arrive. */
    @Override
    public WorkResult streamWork(String model, String request, long maxOutputTokens, Consumer<String> onText) {
        int maxTokens = (int) Math.max(1, Math.min(workMaxTokens, maxOutputTokens));
        try (Response response = http.newCall(messageRequest(model, WORK_PROMPT, request, maxTokens, true))
                .execute()) {
            if (!response.isSuccessful()) {
                throw failure(response.code(), response.body().string(), response.header("retry-after"));
            }
            return AnthropicStream.read(response.body().source(), json, onText);
        } catch (IOException e) {
            throw new LanguageModelException("Anthropic stream failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true, null, e);
        }
    }

    private Request messageRequest(String model, String systemPrompt, String userContent, int maxTokens,
                                   boolean stream) {
        ObjectNode body = json.createObjectNode()
                .put("model", Objects.requireNonNull(model, "model"))
                .put("max_tokens", maxTokens)
                .put("system", systemPrompt);
        if (stream) {
            body.put("stream", true);
        }
        body.putArray("messages").addObject()
                .put("role", "user")
                .put("content", Objects.requireNonNull(userContent, "request"));
        return new Request.Builder()
                .url(messagesUrl)
                .header("x-api-key", apiKey)
                .header("anthropic-version", API_VERSION)
                .post(HttpClients.jsonBody(body))
                .build();
    }

    private ModelReply send(String model, String systemPrompt, String userContent, int maxTokens) {
        Request request = messageRequest(model, systemPrompt, userContent, maxTokens, false);
        try (Response response = http.newCall(request).execute()) {
            String responseBody = response.body().string();
            if (!response.isSuccessful()) {
                throw failure(response.code(), responseBody, response.header("retry-after"));
            }
            return parse(responseBody);
        } catch (IOException e) {
            throw new LanguageModelException("Anthropic call failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true, null, e);
        }
    }

    private ModelReply parse(String responseBody) {
        JsonNode message;
        try {
            message = json.readTree(responseBody);
        } catch (JsonProcessingException e) {
            throw new LanguageModelException("Anthropic answered unreadable JSON", false, null, e);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : message.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText());
            }
        }
        JsonNode usage = message.path("usage");
        JsonNode input = usage.get("input_tokens");
        JsonNode output = usage.get("output_tokens");
        if (!isTokenCount(input) || !isTokenCount(output)) {
            // counting it as 0 tokens would refund a paid job almost in full: the cost is unknown, so ask again
            throw new LanguageModelException("Anthropic answered without usage (input_tokens, output_tokens)",
                    true, null, null);
        }
        return new ModelReply(text.toString(), new TokenUsage(input.longValue(), output.longValue()));
    }

    private static boolean isTokenCount(JsonNode count) {
        return count != null && count.isIntegralNumber() && count.canConvertToLong() && count.longValue() >= 0;
    }

    private LanguageModelException failure(int status, String responseBody, String retryAfterHeader) {
        // 429 rate limit, 529 overloaded and 5xx pass; other 4xx (bad request, auth, billing) will repeat
        boolean transientFailure = status == 429 || status >= 500;
        String message = "Anthropic answered " + status + ": " + providerMessage(responseBody);
        Duration retryAfter = transientFailure ? retryAfter(retryAfterHeader) : null;
        return new LanguageModelException(message, transientFailure, retryAfter, null);
    }

    /** Errors are {"type":"error","error":{"type":"...","message":"..."}}; anything else is shown abbreviated. */
    private String providerMessage(String responseBody) {
        try {
            JsonNode error = json.readTree(responseBody).path("error");
            if (error.hasNonNull("message")) {
                return error.path("type").asText("error") + ": " + error.path("message").asText();
            }
        } catch (JsonProcessingException e) {
            // not JSON: a gateway's page, shown as is below
        }
        return responseBody.length() <= 300 ? responseBody : responseBody.substring(0, 300) + "...";
    }

    /** retry-after in whole seconds; an HTTP-date or garbage is ignored and the caller's backoff applies. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private record ModelReply(String text, TokenUsage usage) {
    }
}
