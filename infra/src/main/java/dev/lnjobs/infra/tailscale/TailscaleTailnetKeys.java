package dev.lnjobs.infra.tailscale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lnjobs.sagas.bootstrap.CloudException;
import dev.lnjobs.sagas.bootstrap.TailnetKeys;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** {@link TailnetKeys} on the Tailscale API v2. */
public final class TailscaleTailnetKeys implements TailnetKeys {

    public static final String DEFAULT_BASE_URL = "https://api.tailscale.com";
    /** Long enough for a droplet to boot and run cloud-init; a leaked key is useless soon after. */
    static final Duration KEY_EXPIRY = Duration.ofHours(1);
    /** Tailscale accepts at most 50 letters, digits, hyphens and spaces. */
    static final int MAX_DESCRIPTION_LENGTH = 50;

    private static final Logger log = LoggerFactory.getLogger(TailscaleTailnetKeys.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final String apiKey;
    private final String tailnet;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code tailnet} is the tailnet's name (e.g. {@code example.com}), or {@code -} for the key's own tailnet. */
    public TailscaleTailnetKeys(OkHttpClient http, String baseUrl, String apiKey, String tailnet) {
        if (tailnet == null || tailnet.isBlank()) {
            throw new IllegalArgumentException("tailnet is required with a Tailscale API key");
        }
        this.http = http;
        this.baseUrl = HttpUrl.get(baseUrl);
        this.apiKey = apiKey;
        this.tailnet = tailnet;
    }

    @Override
    public String createAuthKey(String description, List<String> tags) {
        tags.stream().filter(tag -> !tag.startsWith("tag:")).findAny().ifPresent(tag -> {
            throw new IllegalArgumentException("Tailscale tags start with 'tag:': " + tag);
        });
        ObjectNode create = json.createObjectNode()
                .put("reusable", false)
                .put("ephemeral", false)
                .put("preauthorized", true);
        tags.forEach(create.putArray("tags")::add);
        ObjectNode body = json.createObjectNode();
        body.putObject("capabilities").putObject("devices").set("create", create);
        body.put("expirySeconds", KEY_EXPIRY.toSeconds());
        body.put("description", tailscaleDescription(description));

        JsonNode answer = post(body);
        String key = answer.path("key").asText("");
        if (key.isEmpty()) {
            throw new CloudException("Tailscale created an auth key but answered none", false);
        }
        log.info("Tailscale auth key {} created for tags {}", answer.path("id").asText("?"), tags);
        return key;
    }

    /** Tailscale refuses the whole request over a bad description, so fit ours to its rule instead of failing. */
    static String tailscaleDescription(String description) {
        String cleaned = description.replaceAll("[^A-Za-z0-9 -]", "-");
        return cleaned.length() <= MAX_DESCRIPTION_LENGTH ? cleaned : cleaned.substring(0, MAX_DESCRIPTION_LENGTH);
    }

    private JsonNode post(JsonNode body) {
        HttpUrl url = baseUrl.newBuilder()
                .addPathSegments("api/v2/tailnet").addPathSegment(tailnet).addPathSegment("keys")
                .build();
        Request request = new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + apiKey)
                .post(RequestBody.create(body.toString(), JSON))
                .build();
        String text;
        try (Response response = http.newCall(request).execute()) {
            text = response.body().string();
            if (!response.isSuccessful()) {
                throw failure(response, text);
            }
        } catch (IOException e) {
            throw new CloudException("Tailscale key creation failed: " + e.getMessage(), true, null, e);
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new CloudException("Tailscale answered unreadable JSON", false, null, e);
        }
    }

    private CloudException failure(Response response, String text) {
        int code = response.code();
        String message = "Tailscale key creation answered " + code + errorDetail(text);
        boolean transientFailure = code == 429 || code >= 500;
        return new CloudException(message, transientFailure, code == 429 ? retryAfter(response) : null, null);
    }

    private String errorDetail(String text) {
        try {
            String message = json.readTree(text).path("message").asText("");
            return message.isEmpty() ? "" : ": " + message;
        } catch (IOException notJson) {
            return "";
        }
    }

    private static Duration retryAfter(Response response) {
        String seconds = response.header("Retry-After");
        try {
            return seconds == null ? null : Duration.ofSeconds(Long.parseLong(seconds.trim()));
        } catch (NumberFormatException httpDate) {
            return null;
        }
    }
}
