package dev.lnjobs.api.job;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The seed's job states, plus expired (an invoice was never paid); the wire name is the lower-case one. */
public enum JobState {
    AWAITING_EVAL_PAYMENT, EVALUATING, AWAITING_WORK_PAYMENT, EXECUTING, COMPLETE, REJECTED, FAILED, EXPIRED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == COMPLETE || this == REJECTED || this == FAILED || this == EXPIRED;
    }
}
