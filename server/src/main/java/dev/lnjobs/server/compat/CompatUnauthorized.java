package dev.lnjobs.server.compat;

/** A validly signed key whose session this node does not know. */
class CompatUnauthorized extends RuntimeException {

    CompatUnauthorized(String message) {
        super(message, null, false, false);
    }
}
