package dev.lnjobs.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The seed's bootstrap states; the wire name is the lower-case one. */
public enum BootstrapState {
    AWAITING_PAYMENT, PROVISIONING, READY, FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == READY || this == FAILED;
    }
}
