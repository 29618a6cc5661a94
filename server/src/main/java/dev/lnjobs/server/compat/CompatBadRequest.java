package dev.lnjobs.server.compat;

/** A body a compatible route cannot take; {@code param} names the offending member (OpenAI's {@code param}). */
class CompatBadRequest extends RuntimeException {

    private final String param;

    CompatBadRequest(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    String param() {
        return param;
    }
}
