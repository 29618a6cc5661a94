package dev.lnjobs.server.job;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The rules a request text must meet before any work or payment is started for it. */
@Component
public class RequestText {

    private final int maxChars;

    RequestText(@Value("${lnjobs.max-request-chars}") int maxChars) {
        this.maxChars = maxChars;
    }

    public String check(String request) {
        if (request == null || request.isBlank()) {
            throw new IllegalArgumentException("request must be a non-empty text");
        }
        if (request.length() > maxChars) {
            throw new IllegalArgumentException("request is " + request.length() + " characters long; at most "
                    + maxChars + " are accepted");
        }
        if (request.chars().anyMatch(c -> c == 0)) {
            throw new IllegalArgumentException("request must not contain NUL characters");
        }
        return request.strip();
    }
}
