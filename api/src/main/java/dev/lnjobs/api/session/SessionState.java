package dev.lnjobs.api.session;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The seed's session states, and closed (its balance withdrawn); the wire name is the lower-case one. */
public enum SessionState {
    AWAITING_PAYMENT, ACTIVE, PAUSED, EXPIRED, CLOSED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
