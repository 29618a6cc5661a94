package dev.lnjobs.api.ai;

/** Tokens a model call consumed, as the provider reported them (usage.input_tokens / output_tokens). */
public record TokenUsage(long inputTokens, long outputTokens) {

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }
}
