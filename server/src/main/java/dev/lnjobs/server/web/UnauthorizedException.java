package dev.lnjobs.server.web;

/** The request lacks the credentials its route needs; mapped to 401 with a bearer challenge. */
public class UnauthorizedException extends RuntimeException {

    public UnauthorizedException(String message) {
        super(message);
    }
}
