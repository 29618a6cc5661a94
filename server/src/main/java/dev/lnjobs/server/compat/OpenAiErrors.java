package dev.lnjobs.server.compat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The OpenAI-compatible routes' errors in OpenAI's shape ({@code {"error": {message, type, param, code}}}) with their
 * status, ahead of the problem+json of the {@code /api} routes (this advice is scoped to its controller and ordered
 * first).
 */
@RestControllerAdvice(assignableTypes = OpenAiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrors {

    private static final Logger log = LoggerFactory.getLogger(OpenAiErrors.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> error(Exception e) {
        CompatError error = CompatError.of(e);
        if (error.status() >= 500) {
            log.warn("OpenAI-compatible call failed: {}", e.toString());
        }
        return CompatHttp.error(error, OpenAiWire.error(error).toString());
    }
}
