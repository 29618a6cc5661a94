package dev.lnjobs.sagas.retry;

import dev.lnjobs.api.problem.RuleViolation;

import java.time.Duration;
import java.util.Optional;

/** Why a step failed, whether trying again may help, and after how long if the service said. */
public record Failure(String reason, boolean isTransient, Optional<Duration> retryAfter) {

    public static Failure of(PortException e) {
        return new Failure(e.getMessage(), e.isTransient(), e.retryAfter());
    }

    /**
     * Any exception a step may end in: a port's says itself; a refused command or bad input would be refused
     * again; anything else (a database hiccup, a time-out) may well pass.
     */
    public static Failure classify(RuntimeException e) {
        if (e instanceof PortException port) {
            return of(port);
        }
        if (e instanceof IllegalArgumentException || RuleViolation.problemOf(e).isPresent()) {
            return new Failure(e.getMessage(), false, Optional.empty());
        }
        return new Failure(e.toString(), true, Optional.empty());
    }
}
