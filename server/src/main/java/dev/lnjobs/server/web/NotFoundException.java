package dev.lnjobs.server.web;

/** The addressed resource does not exist; mapped to 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
