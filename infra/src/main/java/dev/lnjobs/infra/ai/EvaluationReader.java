package dev.lnjobs.infra.ai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.sagas.ai.LanguageModel.Evaluation;

import java.io.IOException;

/** Reads the model's {"accepted": .., "reason": ..} verdict out of free text; anything unreadable is a rejection. */
final class EvaluationReader {

    static final String UNREADABLE = "evaluation unreadable";

    private final ObjectMapper json;

    EvaluationReader(ObjectMapper json) {
        this.json = json;
    }

    Evaluation read(String modelText, TokenUsage usage) {
        // models wrap JSON in prose or code fences: try each '{' until one starts a verdict
        for (int start = modelText.indexOf('{'); start >= 0; start = modelText.indexOf('{', start + 1)) {
            JsonNode candidate = firstValueAt(modelText.substring(start));
            Boolean accepted = candidate == null ? null : accepted(candidate.get("accepted"));
            if (accepted != null) {
                JsonNode reason = candidate.get("reason");
                String reasonText = reason != null && reason.isTextual() && !reason.asText().isBlank()
                        ? reason.asText().strip() : "no reason given";
                return new Evaluation(accepted, reasonText, usage);
            }
        }
        return new Evaluation(false, UNREADABLE, usage);
    }

    /** The one JSON value at the start of {@code text}; whatever follows it is ignored. */
    private JsonNode firstValueAt(String text) {
        try (JsonParser parser = json.createParser(text)) {
            JsonNode value = json.readTree(parser);
            return value != null && value.isObject() ? value : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Boolean accepted(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()
                && ("true".equalsIgnoreCase(value.asText()) || "false".equalsIgnoreCase(value.asText()))) {
            return Boolean.parseBoolean(value.asText());
        }
        return null;
    }
}
