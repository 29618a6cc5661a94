package dev.lnjobs.server.compat;

import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.server.job.RequestText;
import dev.lnjobs.server.web.OpenApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * Anthropic's Messages route over the session flow ({@link CompatSessions}); the API key is the session's
 * macaroon. Errors are Anthropic's error shape ({@link AnthropicErrors}).
 */
@RestController
@Tag(name = "Anthropic-compatible")
class AnthropicController {

    private final CompatSessions sessions;
    private final RequestText requestText;

    AnthropicController(CompatSessions sessions, RequestText requestText) {
        this.sessions = sessions;
        this.requestText = requestText;
    }

    @Operation(summary = "Anthropic-compatible message, paid from the session whose macaroon is the API key "
            + "(x-api-key or Authorization: Bearer); with stream: true, Anthropic's events (message_start, "
            + "content_block_start, content_block_delta, content_block_stop, message_delta with the usage, "
            + "message_stop). The cost is in X-Cost-Sats and usage.cost_sats, the balance after it in "
            + "X-Balance-Sats and usage.balance_sats",
            security = @SecurityRequirement(name = OpenApiDocument.SESSION_MACAROON))
    @PostMapping(path = "/v1/messages", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE})
    ResponseEntity<String> messages(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                      String authorization,
                                      @RequestHeader(name = "x-api-key", required = false) String apiKey,
                                      @RequestBody String json, HttpServletResponse response) throws IOException {
        SessionView session = sessions.authenticate(authorization, apiKey);
        CompatRequest request = AnthropicWire.parse(CompatHttp.read(json), requestText);
        if (request.stream()) {
            CompatHttp.streamWith(response, out -> sessions.stream(session, request, new AnthropicStream(out)));
            return null;
        }
        CompatAnswer answer = sessions.run(session, request);
        return CompatHttp.withCost(answer).body(AnthropicWire.message(answer).toString());
    }
}
