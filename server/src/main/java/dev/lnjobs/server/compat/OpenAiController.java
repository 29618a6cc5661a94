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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Clock;

/**
 * OpenAI's Chat Completions and Models routes over the session flow ({@link CompatSessions}); the API key is the
 * session's macaroon. Errors are OpenAI's error shape ({@link OpenAiErrors}).
 */
@RestController
@Tag(name = "OpenAI-compatible")
class OpenAiController {

    private final CompatSessions sessions;
    private final ModelCatalog catalog;
    private final RequestText requestText;
    private final Clock clock;

    OpenAiController(CompatSessions sessions, ModelCatalog catalog, RequestText requestText, Clock clock) {
        this.sessions = sessions;
        this.catalog = catalog;
        this.requestText = requestText;
        this.clock = clock;
    }

    @Operation(summary = "OpenAI-compatible chat completion, paid from the session whose macaroon is the API key "
            + "(Authorization: Bearer or x-api-key); with stream: true, server-sent chat.completion.chunk events "
            + "ending with data: [DONE]. The cost is in X-Cost-Sats and usage.cost_sats, the balance after it in "
            + "X-Balance-Sats and usage.balance_sats",
            security = @SecurityRequirement(name = OpenApiDocument.SESSION_MACAROON))
    @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE})
    ResponseEntity<String> chatCompletions(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                             String authorization,
                                             @RequestHeader(name = "x-api-key", required = false) String apiKey,
                                             @RequestBody String json, HttpServletResponse response)
            throws IOException {
        SessionView session = sessions.authenticate(authorization, apiKey);
        CompatRequest request = OpenAiWire.parse(CompatHttp.read(json), requestText);
        long created = clock.instant().getEpochSecond();
        if (request.stream()) {
            CompatHttp.streamWith(response, out -> sessions.stream(session, request,
                    new OpenAiStream(out, request.includeUsage(), created)));
            return null;
        }
        CompatAnswer answer = sessions.run(session, request);
        return CompatHttp.withCost(answer).body(OpenAiWire.completion(answer, created).toString());
    }

    @Operation(summary = "The model a compatible call runs, with its prices in sats per 1K input and output tokens "
            + "(sats_per_1k_input_tokens, sats_per_1k_output_tokens) and the per-call infra share, margin included")
    @GetMapping(path = "/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> models() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(catalog.models(clock.instant().getEpochSecond()).toString());
    }
}
