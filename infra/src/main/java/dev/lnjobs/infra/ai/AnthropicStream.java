package dev.lnjobs.infra.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.sagas.ai.LanguageModel.WorkResult;
import dev.lnjobs.sagas.ai.LanguageModelException;
import okio.BufferedSource;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads a Messages API stream (server-sent events: {@code message_start}, {@code content_block_start}, {@code
 * content_block_delta} with {@code text_delta}, {@code content_block_stop}, {@code message_delta} with the usage so
 * far, {@code message_stop}; {@code ping} and {@code error} may come at any point). Text deltas are handed on as they
 * arrive; the answer is the whole text and the usage of the last {@code message_delta}.
 */
final class AnthropicStream {

    private final ObjectMapper json;
    private final Consumer<String> onText;
    private final StringBuilder text = new StringBuilder();
    private long inputTokens = -1;
    private long outputTokens = -1;
    private boolean stopped;

    private AnthropicStream(ObjectMapper json, Consumer<String> onText) {
        this.json = json;
        this.onText = onText;
    }

    static WorkResult read(BufferedSource source, ObjectMapper json, Consumer<String> onText) throws IOException {
        AnthropicStream stream = new AnthropicStream(json, onText);
        StringBuilder data = new StringBuilder();
        String line;
        while (!stream.stopped && (line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                stream.dispatch(data);
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            } // "event:" repeats the data's own "type"; comments and other fields carry nothing needed
        }
        stream.dispatch(data);
        if (!stream.stopped) {
            throw new LanguageModelException("Anthropic's stream ended before message_stop", true, null, null);
        }
        if (stream.inputTokens < 0 || stream.outputTokens < 0) {
            throw new LanguageModelException("Anthropic's stream carried no usage (input_tokens, output_tokens)",
                    true, null, null);
        }
        return new WorkResult(stream.text.toString(), new TokenUsage(stream.inputTokens, stream.outputTokens));
    }

    private void dispatch(StringBuilder data) {
        if (data.isEmpty()) {
            return;
        }
        JsonNode event;
        try {
            event = json.readTree(data.toString());
        } catch (JsonProcessingException e) {
            throw new LanguageModelException("Anthropic's stream carried unreadable JSON", false, null, e);
        } finally {
            data.setLength(0);
        }
        switch (event.path("type").asText()) {
            case "message_start" -> usage(event.path("message").path("usage"));
            case "content_block_delta" -> {
                JsonNode delta = event.path("delta");
                if ("text_delta".equals(delta.path("type").asText())) {
                    String piece = delta.path("text").asText();
                    text.append(piece);
                    onText.accept(piece);
                }
            }
            case "message_delta" -> usage(event.path("usage"));
            case "message_stop" -> stopped = true;
            case "error" -> {
                JsonNode error = event.path("error");
                String type = error.path("type").asText("error");
                boolean transientFailure = type.equals("overloaded_error") || type.equals("api_error")
                        || type.equals("rate_limit_error");
                throw new LanguageModelException("Anthropic's stream failed: " + type + ": "
                        + error.path("message").asText(), transientFailure, null, null);
            }
            default -> { } // ping, content_block_start/stop and event types added later carry no text or usage
        }
    }

    /** message_start carries the input (and a first output count), message_delta the cumulative output. */
    private void usage(JsonNode usage) {
        if (usage.path("input_tokens").isIntegralNumber()) {
            inputTokens = usage.path("input_tokens").longValue();
        }
        if (usage.path("output_tokens").isIntegralNumber()) {
            outputTokens = usage.path("output_tokens").longValue();
        }
    }
}
