package dev.lnjobs.sagas.ai;

import dev.lnjobs.api.ai.TokenUsage;

/** What the domain needs of a language model: judge whether a request is acceptable, then do the work. */
public interface LanguageModel {

    Evaluation evaluate(String model, String request);

    WorkResult work(String model, String request);

    record Evaluation(boolean accepted, String reason, TokenUsage usage) {
    }

    record WorkResult(String text, TokenUsage usage) {
    }
}
