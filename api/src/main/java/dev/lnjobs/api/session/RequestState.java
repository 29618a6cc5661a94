package dev.lnjobs.api.session;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where one pre-paid request is: its models still run, or it was settled with one of three outcomes. */
public enum RequestState {
    RUNNING, COMPLETE, REJECTED, FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isSettled() {
        return this != RUNNING;
    }
}
