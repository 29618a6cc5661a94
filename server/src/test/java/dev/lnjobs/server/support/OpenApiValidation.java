package dev.lnjobs.server.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks every answer of a test's calls against the server's own OpenAPI document (swagger-request-validator):
 * status, content type, headers and body schema, nullability included. A mismatch fails the test that made the call,
 * so no answer can leave the document. One validator per server, built from its {@code /api/openapi.json}.
 */
final class OpenApiValidation {

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private OpenApiValidation() {
    }

    static void check(ApiClient client, String method, URI uri, HttpResponse<String> response) {
        String path = uri.getRawPath();
        if (path.equals("/api/openapi.json") || !(path.startsWith("/api/") || path.startsWith("/v1/"))) {
            return;
        }
        OpenApiInteractionValidator validator = VALIDATORS.computeIfAbsent(client.base(), base ->
                OpenApiInteractionValidator.createForInlineApiSpecification(
                        client.unvalidated().get("/api/openapi.json").raw().body()).build());
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode())
                .withBody(response.body());
        response.headers().map().forEach(answer::withHeader);
        ValidationReport report = validator.validateResponse(path,
                Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), answer.build());
        if (report.hasErrors()) {
            throw new AssertionError("the answer to " + method + " " + path + " (" + response.statusCode()
                    + ") leaves the OpenAPI document:\n" + report.getMessages().stream()
                    .map(message -> "  " + message.getKey() + ": " + message.getMessage())
                    .collect(Collectors.joining("\n")) + "\nbody: " + response.body());
        }
    }
}
