package dev.lnjobs.server.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.job.RequestText;

import java.util.Set;

/**
 * Reads the parts both providers' bodies share: text content (a string or an array of {@code text} blocks), the
 * output cap and the stream flag, each by its exact JSON type (no scalar coercion), and flattens a conversation into
 * the one request text the session flow prices and runs.
 */
final class WireMessages {

    private WireMessages() {
    }

    /** A string, or an array of {@code {"type": "text", "text": …}} blocks joined; other blocks are refused. */
    static String text(JsonNode content, String param) {
        if (content != null && content.isTextual()) {
            return content.textValue();
        }
        if (content == null || !content.isArray()) {
            throw new CompatBadRequest(param, param + " must be a string or an array of text blocks");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if (!block.isObject() || !"text".equals(block.path("type").asText()) || !block.path("text").isTextual()) {
                throw new CompatBadRequest(param, param + ": only text blocks ({\"type\": \"text\", \"text\": …}) "
                        + "are supported");
            }
            text.append(text.isEmpty() ? "" : "\n").append(block.path("text").textValue());
        }
        return text.toString();
    }

    /** A positive integer, or null when absent (or JSON null). */
    static Long positiveInteger(JsonNode body, String param) {
        JsonNode value = body.get(param);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
            throw new CompatBadRequest(param, param + " must be a positive integer");
        }
        return value.longValue();
    }

    static boolean flag(JsonNode body, String param) {
        JsonNode value = body.get(param);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new CompatBadRequest(param, param + " must be true or false");
        }
        return value.booleanValue();
    }

    static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new CompatBadRequest(null, "the body must be a JSON object");
        }
        return body;
    }

    static String role(JsonNode message, int index, Set<String> roles) {
        String param = "messages[" + index + "].role";
        JsonNode role = message.get("role");
        if (role == null || !role.isTextual() || !roles.contains(role.textValue())) {
            throw new CompatBadRequest(param, param + " must be one of " + roles);
        }
        return role.textValue();
    }

    /** A lone user turn is sent as it is; a conversation as labelled turns, so the model sees who said what. */
    static void appendTurn(StringBuilder conversation, String label, String text, boolean alone) {
        if (alone) {
            conversation.append(text);
            return;
        }
        conversation.append(conversation.isEmpty() ? "" : "\n\n").append(label).append(": ").append(text);
    }

    /** The flattened text under the rules every request text meets (length, no NUL). */
    static String checked(String text, RequestText requestText, String param) {
        try {
            return requestText.check(text);
        } catch (IllegalArgumentException e) {
            throw new CompatBadRequest(param, param + ": " + e.getMessage());
        }
    }
}
