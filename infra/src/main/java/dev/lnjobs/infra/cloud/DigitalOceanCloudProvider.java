package dev.lnjobs.infra.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lnjobs.sagas.bootstrap.CloudException;
import dev.lnjobs.sagas.bootstrap.CloudProvider;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** {@link CloudProvider} on the DigitalOcean API v2. */
public final class DigitalOceanCloudProvider implements CloudProvider {

    public static final String DEFAULT_BASE_URL = "https://api.digitalocean.com";
    /** The cloud-init template is written for this release; change both together. */
    static final String IMAGE = "ubuntu-24-04-x64";
    /** DigitalOcean rejects larger user data. */
    static final int MAX_USER_DATA_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(DigitalOceanCloudProvider.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final String apiToken;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public DigitalOceanCloudProvider(OkHttpClient http, String baseUrl, String apiToken, Clock clock) {
        this.http = http;
        this.baseUrl = HttpUrl.get(baseUrl);
        this.apiToken = apiToken;
        this.clock = clock;
    }

    public DigitalOceanCloudProvider(OkHttpClient http, String baseUrl, String apiToken) {
        this(http, baseUrl, apiToken, Clock.systemUTC());
    }

    @Override
    public DropletRef createDroplet(DropletSpec spec) {
        if (spec.userData().getBytes(StandardCharsets.UTF_8).length > MAX_USER_DATA_BYTES) {
            throw new IllegalArgumentException("user data exceeds DigitalOcean's 64 KiB limit");
        }
        Optional<DropletRef> existing = spec.uniqueTag().flatMap(this::dropletTagged);
        if (existing.isPresent()) {
            log.info("Droplet {} already exists for tag {}: not creating another", existing.get().id(),
                    spec.uniqueTag().get());
            return existing.get();
        }
        ObjectNode body = json.createObjectNode()
                .put("name", spec.name())
                .put("region", spec.region())
                .put("size", spec.size())
                .put("image", IMAGE);
        spec.sshKeyFingerprints().forEach(body.putArray("ssh_keys")::add);
        spec.vpcUuid().ifPresent(vpc -> body.put("vpc_uuid", vpc));
        body.put("user_data", spec.userData());
        spec.tags().forEach(body.putArray("tags")::add);
        body.put("monitoring", true);

        long id = call("POST", "v2/droplets", body).path("droplet").path("id").asLong();
        if (id <= 0) {
            throw new CloudException("DigitalOcean created a droplet but answered no id", false);
        }
        log.info("Droplet {} created: name={} region={} size={}", id, spec.name(), spec.region(), spec.size());
        return new DropletRef(id);
    }

    /** DigitalOcean lists droplets by tag: {@code GET /v2/droplets?tag_name=<tag>}. */
    private Optional<DropletRef> dropletTagged(String tag) {
        JsonNode droplets = call("GET", "v2/droplets?tag_name=" + tag, null).path("droplets");
        for (JsonNode droplet : droplets) {
            long id = droplet.path("id").asLong();
            if (id > 0) {
                return Optional.of(new DropletRef(id));
            }
        }
        return Optional.empty();
    }

    @Override
    public DropletStatus getDroplet(long dropletId) {
        JsonNode droplet = call("GET", "v2/droplets/" + dropletId, null).path("droplet");
        return new DropletStatus(dropletId, stateOf(droplet.path("status").asText()), publicIpv4(droplet));
    }

    @Override
    public void deleteDroplet(long dropletId) {
        if (deleteIfPresent("v2/droplets/" + dropletId)) {
            log.info("Droplet {} deleted", dropletId);
        }
    }

    @Override
    public String createVolume(String name, String region, int sizeGb) {
        ObjectNode body = json.createObjectNode()
                .put("size_gigabytes", sizeGb)
                .put("name", name)
                .put("region", region)
                .put("filesystem_type", "ext4");
        String id = call("POST", "v2/volumes", body).path("volume").path("id").asText("");
        if (id.isEmpty()) {
            throw new CloudException("DigitalOcean created a volume but answered no id", false);
        }
        log.info("Volume {} created: name={} region={} sizeGb={}", id, name, region, sizeGb);
        return id;
    }

    @Override
    public void attachVolume(String volumeId, long dropletId, String region) {
        ObjectNode body = json.createObjectNode()
                .put("type", "attach")
                .put("droplet_id", dropletId)
                .put("region", region);
        call("POST", "v2/volumes/" + volumeId + "/actions", body);
        log.info("Volume {} attaching to droplet {}", volumeId, dropletId);
    }

    @Override
    public void deleteVolume(String volumeId) {
        if (deleteIfPresent("v2/volumes/" + volumeId)) {
            log.info("Volume {} deleted", volumeId);
        }
    }

    private static DropletState stateOf(String status) {
        try {
            return DropletState.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return DropletState.UNKNOWN;
        }
    }

    private static Optional<String> publicIpv4(JsonNode droplet) {
        for (JsonNode network : droplet.path("networks").path("v4")) {
            if ("public".equals(network.path("type").asText())) {
                return Optional.of(network.path("ip_address").asText()).filter(ip -> !ip.isEmpty());
            }
        }
        return Optional.empty();
    }

    /** Answers false when there was nothing to delete. */
    private boolean deleteIfPresent(String path) {
        try {
            call("DELETE", path, null);
            return true;
        } catch (NotFound gone) {
            return false;
        }
    }

    private JsonNode call(String method, String path, JsonNode body) {
        Request request = new Request.Builder()
                .url(url(path))
                .header("Authorization", "Bearer " + apiToken)
                .method(method, body == null ? null : RequestBody.create(body.toString(), JSON))
                .build();
        String text;
        try (Response response = http.newCall(request).execute()) {
            text = response.body().string();
            if (!response.isSuccessful()) {
                throw failure(method + " /" + path, response, text);
            }
        } catch (IOException e) {
            // Never include the request: its body holds user data with a Tailscale auth key.
            throw new CloudException("DigitalOcean " + method + " /" + path + " failed: " + e.getMessage(), true,
                    null, e);
        }
        return parse(method + " /" + path, text);
    }

    /** A path with an optional query ({@code v2/droplets?tag_name=x}). */
    private okhttp3.HttpUrl url(String path) {
        int query = path.indexOf('?');
        okhttp3.HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments(query < 0 ? path : path.substring(0, query));
        return (query < 0 ? url : url.query(path.substring(query + 1))).build();
    }

    private JsonNode parse(String what, String text) {
        try {
            return text.isEmpty() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            throw new CloudException("DigitalOcean " + what + " answered unreadable JSON", false, null, e);
        }
    }

    private CloudException failure(String what, Response response, String text) {
        int code = response.code();
        String message = "DigitalOcean " + what + " answered " + code + errorDetail(text);
        if (code == 404) {
            return new NotFound(message);
        }
        if (code == 429) {
            return new CloudException(message, true, retryAfter(response), null);
        }
        return new CloudException(message, code >= 500, null, null);
    }

    private String errorDetail(String text) {
        try {
            JsonNode error = json.readTree(text);
            return error.hasNonNull("message")
                    ? ": " + error.path("id").asText("error") + ": " + error.path("message").asText()
                    : "";
        } catch (IOException notJson) {
            return "";
        }
    }

    /** DigitalOcean sends Retry-After (seconds) on burst limits and ratelimit-reset (epoch seconds) on hourly ones. */
    private Duration retryAfter(Response response) {
        try {
            String seconds = response.header("Retry-After");
            if (seconds != null) {
                return Duration.ofSeconds(Long.parseLong(seconds.trim()));
            }
            String reset = response.header("ratelimit-reset");
            if (reset != null) {
                Instant resetAt = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
                Duration untilReset = Duration.between(clock.instant(), resetAt);
                return untilReset.isNegative() ? Duration.ZERO : untilReset;
            }
        } catch (NumberFormatException unreadable) {
            log.debug("Unreadable rate-limit header on 429; retrying without a hint");
        }
        return null;
    }

    /** A 404, which delete treats as done and everything else reports as a permanent failure. */
    private static final class NotFound extends CloudException {
        NotFound(String message) {
            super(message, false);
        }
    }
}
