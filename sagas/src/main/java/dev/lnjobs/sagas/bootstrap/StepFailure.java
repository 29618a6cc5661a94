package dev.lnjobs.sagas.bootstrap;

import dev.lnjobs.api.problem.RuleViolation;
import dev.lnjobs.sagas.lightning.LightningException;

import java.time.Duration;
import java.util.Optional;

/** Why a provisioning step failed, and whether trying again may help (and after how long, if the API said). */
record StepFailure(String reason, boolean isTransient, Optional<Duration> retryAfter) {

    static StepFailure of(RuntimeException e) {
        if (e instanceof CloudException cloud) {
            return new StepFailure(cloud.getMessage(), cloud.isTransient(), cloud.retryAfter());
        }
        if (e instanceof LightningException lightning) {
            return new StepFailure(lightning.getMessage(), lightning.isTransient(), Optional.empty());
        }
        if (e instanceof IllegalArgumentException || RuleViolation.problemOf(e).isPresent()) {
            return new StepFailure(e.getMessage(), false, Optional.empty());
        }
        // Anything else (a database hiccup, a timeout) may well pass: retried, but only so often.
        return new StepFailure(e.toString(), true, Optional.empty());
    }
}
