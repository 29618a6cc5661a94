package dev.lnjobs.server.compat;

/** A call that reached the session but could not be answered: its models failed, or it outlasted the wait. */
class CompatFailure extends RuntimeException {

    private final int status;

    CompatFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
