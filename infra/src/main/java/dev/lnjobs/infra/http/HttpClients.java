package dev.lnjobs.infra.http;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** OkHttp clients and URLs for the adapters: every outbound call is bounded in time. */
public final class HttpClients {

    public static final MediaType JSON = MediaType.get("application/json");

    private HttpClients() {
    }

    /**
     * A client whose calls give up: {@code callTimeout} bounds the whole call, redirects included. It never
     * repeats a call on its own: okhttp would resend a request whose connection dropped after it was sent, and a
     * pay or a model call sent twice moves money twice. The callers decide what to repeat, after looking.
     */
    public static OkHttpClient withTimeouts(Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
        return new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(callTimeout)
                .build();
    }

    /** A JSON request body sent as plain {@code application/json} (from a String okhttp would add a charset). */
    public static RequestBody jsonBody(JsonNode json) {
        return RequestBody.create(json.toString().getBytes(StandardCharsets.UTF_8), JSON);
    }

    /** {@code base} + {@code path}, whether or not the configured base URL ends in '/'. */
    public static HttpUrl endpoint(String baseUrl, String path) {
        HttpUrl base = HttpUrl.get(baseUrl);
        return base.newBuilder().addPathSegments(path).build();
    }
}
