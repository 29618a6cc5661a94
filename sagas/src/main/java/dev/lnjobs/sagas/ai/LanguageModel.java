package dev.lnjobs.sagas.ai;

import dev.lnjobs.api.ai.TokenUsage;

import java.util.function.Consumer;

/** What the domain needs of a language model: judge whether a request is acceptable, then do the work. */
public interface LanguageModel {

    Evaluation evaluate(String model, String request);

    /**
     * The most output tokens a work call writes when its caller names no lower cap: the adapter's own ceiling, and
     * the cap of a saga stored before caps were recorded.
     */
    long MAX_OUTPUT_TOKENS = 1024;

    /**
     * Does the work, writing at most {@code maxOutputTokens} output tokens: a call is never let cost more output
     * than its price or reservation assumed (the quote's or the reservation's output estimate).
     */
    WorkResult work(String model, String request, long maxOutputTokens);

    /**
     * The work, its text handed to {@code onText} piece by piece as the model writes it; answers the whole text and
     * the usage once the model is done. The default runs {@link #work} and hands its text over in one piece, so an
     * adapter that cannot stream still serves a streaming caller. A failure before or during the stream is a
     * {@link LanguageModelException}; pieces already handed over stay handed over.
     */
    default WorkResult streamWork(String model, String request, long maxOutputTokens, Consumer<String> onText) {
        WorkResult result = work(model, request, maxOutputTokens);
        onText.accept(result.text());
        return result;
    }

    record Evaluation(boolean accepted, String reason, TokenUsage usage) {
    }

    record WorkResult(String text, TokenUsage usage) {
    }
}
