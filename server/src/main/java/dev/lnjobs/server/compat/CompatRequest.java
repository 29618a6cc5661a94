package dev.lnjobs.server.compat;

/**
 * A compatible route's call as the session flow sees it: the conversation flattened into one request text, the
 * client's output cap ({@code max_tokens}, null when it named none) and whether it wants the answer streamed.
 */
record CompatRequest(String text, Long maxTokens, boolean stream, boolean includeUsage) {

    /** The most output tokens a compatible call may ask for: the work adapter's own ceiling. */
    static final long MAX_OUTPUT_TOKENS = 1024;

    /** The output the reservation is priced for: the client's cap, at most the adapter's ceiling. */
    Long reservedOutputTokens() {
        return maxTokens == null ? null : Math.min(maxTokens, MAX_OUTPUT_TOKENS);
    }
}
