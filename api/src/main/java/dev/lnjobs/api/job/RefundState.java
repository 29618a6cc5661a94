package dev.lnjobs.api.job;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a job's refund stands: none due, due (asked for or not yet), paid, or failed (may be asked again). */
public enum RefundState {
    NOT_DUE, PENDING, PAID, FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
