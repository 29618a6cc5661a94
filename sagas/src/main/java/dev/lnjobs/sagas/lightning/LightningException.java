package dev.lnjobs.sagas.lightning;

/** The Lightning node failed or refused; {@code transientFailure} says whether trying again may help. */
public class LightningException extends RuntimeException {

    private final boolean transientFailure;

    public LightningException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public LightningException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
