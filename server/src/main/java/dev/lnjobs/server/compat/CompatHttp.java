package dev.lnjobs.server.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.util.function.Consumer;

/** What both providers' routes answer alike: the cost headers, the event-stream response, the error response. */
final class CompatHttp {

    static final String COST = "X-Cost-Sats";
    static final String BALANCE = "X-Balance-Sats";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CompatHttp() {
    }

    /** The body as a JSON tree; not JSON at all is a 400 in the provider's shape. */
    static JsonNode read(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CompatBadRequest(null, "the request body is not valid JSON");
        }
    }

    static ResponseEntity.BodyBuilder withCost(CompatAnswer answer) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(COST, Long.toString(answer.costSats()))
                .header(BALANCE, Long.toString(answer.balanceSats()));
    }

    /**
     * Streams server-sent events. Nothing is committed until the first event is written, so a refusal before it
     * (402 from the reservation) is still answered as an error with its status.
     */
    static void streamWith(HttpServletResponse response, Consumer<SseWriter> body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream;charset=UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // proxies (nginx) must pass each event on at once
        body.accept(new SseWriter(response.getOutputStream()));
    }

    static <T> ResponseEntity<T> error(CompatError error, T body) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(error.status());
        if (error.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(error.retryAfterSeconds()));
        }
        return builder.contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
