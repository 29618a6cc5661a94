package dev.lnjobs.server.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lnjobs.server.job.RequestText;

import java.util.Set;

/**
 * Anthropic's Messages wire shapes: the request read ({@code max_tokens} required, as Anthropic requires it), the
 * {@code message} answer, the stream's events and the {@code {"type": "error", "error": {type, message}}} error.
 * The cost is in {@code usage.cost_sats} and {@code usage.balance_sats} beside Anthropic's token counts.
 */
final class AnthropicWire {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> ROLES = Set.of("user", "assistant");

    private AnthropicWire() {
    }

    static CompatRequest parse(JsonNode body, RequestText requestText) {
        WireMessages.object(body);
        Long maxTokens = WireMessages.positiveInteger(body, "max_tokens");
        if (maxTokens == null) {
            throw new CompatBadRequest("max_tokens", "max_tokens: Field required");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new CompatBadRequest("messages", "messages must be a non-empty array");
        }
        JsonNode system = body.get("system");
        boolean alone = messages.size() == 1 && (system == null || system.isNull());
        StringBuilder text = new StringBuilder();
        if (system != null && !system.isNull()) {
            WireMessages.appendTurn(text, "System", WireMessages.text(system, "system"), false);
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw new CompatBadRequest("messages." + i, "messages." + i + " must be an object");
            }
            String role = WireMessages.role(message, i, ROLES);
            String content = WireMessages.text(message.get("content"), "messages." + i + ".content");
            WireMessages.appendTurn(text, role.equals("user") ? "User" : "Assistant", content,
                    alone && role.equals("user"));
        }
        return new CompatRequest(WireMessages.checked(text.toString(), requestText, "messages"), maxTokens,
                WireMessages.flag(body, "stream"), true);
    }

    static ObjectNode message(CompatAnswer answer) {
        ObjectNode message = messageHead(answer.requestId(), answer.model());
        message.putArray("content").addObject().put("type", "text").put("text", answer.text());
        message.put("stop_reason", stopReason(answer)).putNull("stop_sequence");
        message.set("usage", usage(answer));
        return message;
    }

    static ObjectNode messageStart(String requestId, String model) {
        ObjectNode message = messageHead(requestId, model);
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        ObjectNode event = JSON.objectNode().put("type", "message_start");
        event.set("message", message);
        return event;
    }

    static ObjectNode contentBlockStart() {
        ObjectNode event = JSON.objectNode().put("type", "content_block_start").put("index", 0);
        event.putObject("content_block").put("type", "text").put("text", "");
        return event;
    }

    static ObjectNode textDelta(String piece) {
        ObjectNode event = JSON.objectNode().put("type", "content_block_delta").put("index", 0);
        event.putObject("delta").put("type", "text_delta").put("text", piece);
        return event;
    }

    static ObjectNode contentBlockStop() {
        return JSON.objectNode().put("type", "content_block_stop").put("index", 0);
    }

    static ObjectNode messageDelta(CompatAnswer answer) {
        ObjectNode event = JSON.objectNode().put("type", "message_delta");
        event.putObject("delta").put("stop_reason", stopReason(answer)).putNull("stop_sequence");
        event.set("usage", usage(answer));
        return event;
    }

    static ObjectNode simple(String type) {
        return JSON.objectNode().put("type", type);
    }

    static ObjectNode error(CompatError error) {
        ObjectNode body = JSON.objectNode().put("type", "error");
        body.putObject("error").put("type", type(error.status())).put("message", error.message());
        return body;
    }

    static String stopReason(CompatAnswer answer) {
        return switch (answer.stop()) {
            case END -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case REFUSED -> "refusal";
        };
    }

    private static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            case 504 -> "timeout_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static ObjectNode usage(CompatAnswer answer) {
        return JSON.objectNode().put("input_tokens", answer.inputTokens())
                .put("output_tokens", answer.outputTokens())
                .put("cost_sats", answer.costSats()).put("balance_sats", answer.balanceSats());
    }

    private static ObjectNode messageHead(String requestId, String model) {
        return JSON.objectNode().put("id", "msg_" + requestId.replace("-", "")).put("type", "message")
                .put("role", "assistant").put("model", model);
    }
}
