package dev.lnjobs.server.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lnjobs.server.job.RequestText;

import java.util.Set;

/**
 * OpenAI's Chat Completions wire shapes: the request read, the {@code chat.completion} answer, the {@code
 * chat.completion.chunk} stream chunks and the {@code {"error": {message, type, param, code}}} error. The cost is
 * in {@code usage.cost_sats} and {@code usage.balance_sats} beside OpenAI's token counts.
 */
final class OpenAiWire {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

    private OpenAiWire() {
    }

    static CompatRequest parse(JsonNode body, RequestText requestText) {
        WireMessages.object(body);
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new CompatBadRequest("messages", "messages must be a non-empty array");
        }
        boolean alone = messages.size() == 1;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw new CompatBadRequest("messages[" + i + "]", "messages[" + i + "] must be an object");
            }
            String role = WireMessages.role(message, i, ROLES);
            String content = WireMessages.text(message.get("content"), "messages[" + i + "].content");
            WireMessages.appendTurn(text, label(role), content, alone && role.equals("user"));
        }
        Long maxTokens = WireMessages.positiveInteger(body, "max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = WireMessages.positiveInteger(body, "max_tokens");
        }
        boolean stream = WireMessages.flag(body, "stream");
        JsonNode options = body.get("stream_options");
        boolean includeUsage = options != null && options.isObject() && WireMessages.flag(options, "include_usage");
        return new CompatRequest(WireMessages.checked(text.toString(), requestText, "messages"), maxTokens, stream,
                includeUsage);
    }

    static ObjectNode completion(CompatAnswer answer, long created) {
        ObjectNode completion = head(answer.requestId(), answer.model(), created, "chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", answer.text()).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(answer));
        completion.set("usage", usage(answer));
        return completion;
    }

    static ObjectNode chunk(String requestId, String model, long created, String content, String finishReason) {
        ObjectNode chunk = head(requestId, model, created, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (content != null) {
            delta.put("role", "assistant").put("content", content);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    /** The last chunk of {@code stream_options.include_usage}: no choices, the usage. */
    static ObjectNode usageChunk(CompatAnswer answer, long created) {
        ObjectNode chunk = head(answer.requestId(), answer.model(), created, "chat.completion.chunk");
        chunk.putArray("choices");
        chunk.set("usage", usage(answer));
        return chunk;
    }

    static String finishReason(CompatAnswer answer) {
        return switch (answer.stop()) {
            case END -> "stop";
            case MAX_TOKENS -> "length";
            case REFUSED -> "content_filter";
        };
    }

    static ObjectNode error(CompatError error) {
        ObjectNode body = JSON.objectNode();
        ObjectNode inner = body.putObject("error").put("message", error.message()).put("type", type(error.status()));
        inner.put("param", error.param());
        inner.put("code", code(error.status()));
        return body;
    }

    private static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "insufficient_quota";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static String code(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 402 -> "insufficient_balance";
            case 429 -> "rate_limit_exceeded";
            default -> null;
        };
    }

    private static ObjectNode usage(CompatAnswer answer) {
        return JSON.objectNode().put("prompt_tokens", answer.inputTokens())
                .put("completion_tokens", answer.outputTokens())
                .put("total_tokens", answer.inputTokens() + answer.outputTokens())
                .put("cost_sats", answer.costSats()).put("balance_sats", answer.balanceSats());
    }

    private static ObjectNode head(String requestId, String model, long created, String object) {
        return JSON.objectNode().put("id", "chatcmpl-" + requestId).put("object", object).put("created", created)
                .put("model", model);
    }

    private static String label(String role) {
        return switch (role) {
            case "system", "developer" -> "System";
            case "assistant" -> "Assistant";
            default -> "User";
        };
    }
}
