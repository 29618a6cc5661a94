package dev.lnjobs.server.compat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The Anthropic-compatible routes' errors in Anthropic's shape ({@code {"type": "error", "error": {type,
 * message}}}) with their status, ahead of the problem+json of the {@code /api} routes (this advice is scoped to
 * its controller and ordered first).
 */
@RestControllerAdvice(assignableTypes = AnthropicController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AnthropicErrors {

    private static final Logger log = LoggerFactory.getLogger(AnthropicErrors.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> error(Exception e) {
        CompatError error = CompatError.of(e);
        if (error.status() >= 500) {
            log.warn("Anthropic-compatible call failed: {}", e.toString());
        }
        return CompatHttp.error(error, AnthropicWire.error(error).toString());
    }
}
