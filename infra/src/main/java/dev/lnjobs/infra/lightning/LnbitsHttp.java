package dev.lnjobs.infra.lightning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.sagas.lightning.LightningException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.Objects;

/** Calls to LNbits and readings of its answers: FastAPI bodies, {"detail": ...} errors, failures as exceptions. */
final class LnbitsHttp {

    private static final int MAX_ERROR_TEXT = 300;

    private final OkHttpClient http;
    private final ObjectMapper json;

    LnbitsHttp(OkHttpClient http, ObjectMapper json) {
        this.http = Objects.requireNonNull(http, "http");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** One call, never repeated here; a broken connection or timeout is a transient LightningException. */
    Reply execute(Request request, String action) {
        try (Response response = http.newCall(request).execute()) {
            return new Reply(response.code(), response.body().string());
        } catch (IOException e) {
            // timeouts and broken connections: the node may be fine a moment later
            throw new LightningException("LNbits " + action + " failed: " + describe(e), true, e);
        }
    }

    /** The JSON object of a 2xx answer; anything else is a LightningException saying why. */
    JsonNode successBody(Reply reply, String action) {
        if (!reply.successful()) {
            // 408 and 429 are "not now" rather than "never"; other 4xx are refusals that will repeat
            boolean transientFailure = reply.status() >= 500 || reply.status() == 408 || reply.status() == 429;
            throw new LightningException("LNbits " + action + " answered " + reply.status() + ": "
                    + detail(reply.body()), transientFailure);
        }
        JsonNode body = readOrNull(reply.body());
        if (body == null || !body.isObject()) {
            throw new LightningException("LNbits " + action + " answered " + reply.status()
                    + " without a JSON object: " + abbreviate(reply.body()), false);
        }
        return body;
    }

    /** The parsed body, or null when it is not JSON (a proxy's error page, say). */
    JsonNode readOrNull(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** LNbits (FastAPI) errors are {"detail": "..."} or {"detail": [validation errors]}. */
    String detail(String body) {
        JsonNode parsed = readOrNull(body);
        JsonNode detail = parsed == null ? null : parsed.path("detail");
        if (detail != null && detail.isTextual()) {
            return detail.asText();
        }
        if (detail != null && !detail.isMissingNode()) {
            return abbreviate(detail.toString());
        }
        return abbreviate(body);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    static String abbreviate(String text) {
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
    }

    record Reply(int status, String body) {
        boolean successful() {
            return status / 100 == 2;
        }
    }
}
