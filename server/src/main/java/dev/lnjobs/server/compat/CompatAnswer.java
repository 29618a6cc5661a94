package dev.lnjobs.server.compat;

/**
 * A settled call: the text (the work's, or the evaluation's reason for a refused request), why it stopped, the
 * tokens billed (both models together), the sats debited and the session's balance right after.
 */
record CompatAnswer(String requestId, String model, String text, Stop stop, long inputTokens, long outputTokens,
                    long costSats, long balanceSats) {

    /** {@code REFUSED}: the evaluation refused the request (its tokens are still billed). */
    enum Stop { END, MAX_TOKENS, REFUSED }
}
