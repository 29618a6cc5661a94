package dev.lnjobs.infra.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Helpers for wire tests: requests as the server saw them, bodies as JSON, clients that time out fast. */
public final class WireTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WireTestSupport() {
    }

    /** The next request the server received; fails instead of blocking when the client sent none. */
    public static RecordedRequest takeRequest(MockWebServer server) {
        try {
            RecordedRequest request = server.takeRequest(2, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("the client sent no request");
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static JsonNode bodyOf(RecordedRequest request) {
        return json(request.getBody().readUtf8());
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Without a trailing slash, the way an operator usually writes a base URL. */
    public static String baseUrl(MockWebServer server) {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    /** Reads give up after 200 ms, so timeout tests stay fast. */
    public static OkHttpClient impatientClient() {
        return HttpClients.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(2));
    }
}
