package dev.lnjobs.infra.ai;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.sagas.ai.LanguageModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A language model that needs no network and no key, for local runs and tests: the same request always gets the
 * same verdict, text and token counts (tokens are estimated at one per four characters). A request containing
 * "reject" or "forbidden" is rejected; one containing "fail-work" is accepted and its work fails, not transiently.
 */
public class StubLanguageModel implements LanguageModel {

    private static final Logger log = LoggerFactory.getLogger(StubLanguageModel.class);

    static final List<String> REJECTED_WORDS = List.of("reject", "forbidden");
    /** A request containing it has its work step fail for good (not its evaluation): drives a failure after payment. */
    static final String FAIL_WORK_WORD = "fail-work";
    static final String ACCEPTED_REASON = "stub evaluation: acceptable";
    static final String RESULT_PREFIX = "Stub result for: ";
    static final int ECHO_LIMIT = 200;
    static final long EVALUATION_PROMPT_TOKENS = 30;
    static final long EVALUATION_OUTPUT_TOKENS = 20;
    static final long WORK_PROMPT_TOKENS = 50;
    static final int STREAM_PIECE_CHARS = 8;

    private final Duration delay;
    private final BiConsumer<String, String> calls;

    public StubLanguageModel() {
        this(Duration.ZERO, (kind, request) -> { });
    }

    /**
     * @param delay how long each call takes, as a real model's would (tests of slow calls)
     * @param calls told of every call ("evaluate" or "work", and the request) before it answers
     */
    public StubLanguageModel(Duration delay, BiConsumer<String, String> calls) {
        this.delay = Objects.requireNonNull(delay, "delay");
        this.calls = Objects.requireNonNull(calls, "calls");
        log.info("Stub language model active: requests are judged by keyword and answered with an echo, "
                + "no AI is called" + (delay.isZero() ? "" : "; each call takes " + delay));
    }

    @Override
    public Evaluation evaluate(String model, String request) {
        Objects.requireNonNull(request, "request");
        call("evaluate", request);
        TokenUsage usage = new TokenUsage(tokensFor(request) + EVALUATION_PROMPT_TOKENS, EVALUATION_OUTPUT_TOKENS);
        String lowerCased = request.toLowerCase(Locale.ROOT);
        for (String word : REJECTED_WORDS) {
            if (lowerCased.contains(word)) {
                return new Evaluation(false, "stub evaluation: request contains \"" + word + "\"", usage);
            }
        }
        return new Evaluation(true, ACCEPTED_REASON, usage);
    }

    @Override
    public WorkResult work(String model, String request, long maxOutputTokens) {
        Objects.requireNonNull(request, "request");
        call("work", request);
        if (request.toLowerCase(Locale.ROOT).contains(FAIL_WORK_WORD)) {
            throw new LanguageModelException("stub model: the request contains \"" + FAIL_WORK_WORD
                    + "\", so its work fails for good", false);
        }
        String text = RESULT_PREFIX + echo(request);
        long output = Math.min(tokensFor(text), Math.max(1, maxOutputTokens)); // a real model stops at the cap too
        return new WorkResult(text, new TokenUsage(tokensFor(request) + WORK_PROMPT_TOKENS, output));
    }

    /** The same text as {@link #work}, handed over in deterministic pieces of {@value #STREAM_PIECE_CHARS} chars. */
    @Override
    public WorkResult streamWork(String model, String request, long maxOutputTokens, Consumer<String> onText) {
        WorkResult result = work(model, request, maxOutputTokens);
        String text = result.text();
        for (int start = 0; start < text.length(); ) {
            int end = Math.min(text.length(), start + STREAM_PIECE_CHARS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never split a surrogate pair across two pieces
            }
            onText.accept(text.substring(start, end));
            start = end;
        }
        return result;
    }

    private void call(String kind, String request) {
        calls.accept(kind, request);
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis()); // stands for the model's own time, not a synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the stub model was answering", e);
            }
        }
    }

    /** ceil(chars / 4), chars counted as Java chars (UTF-16 units). */
    static long tokensFor(String text) {
        return (text.length() + 3L) / 4;
    }

    private static String echo(String request) {
        if (request.length() <= ECHO_LIMIT) {
            return request;
        }
        // never cut a surrogate pair in half
        int end = Character.isHighSurrogate(request.charAt(ECHO_LIMIT - 1)) ? ECHO_LIMIT - 1 : ECHO_LIMIT;
        return request.substring(0, end) + "...";
    }
}
