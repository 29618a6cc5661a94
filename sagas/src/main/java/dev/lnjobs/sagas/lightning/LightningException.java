package dev.lnjobs.sagas.lightning;

import dev.lnjobs.sagas.retry.PortException;

/** The Lightning node failed or refused; {@code transientFailure} says whether trying again may help. */
public class LightningException extends PortException {

    public LightningException(String message, boolean transientFailure, Throwable cause) {
        super(message, transientFailure, null, cause);
    }

    public LightningException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }
}
