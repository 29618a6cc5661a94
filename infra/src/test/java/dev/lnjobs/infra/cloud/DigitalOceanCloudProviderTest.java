package dev.lnjobs.infra.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.sagas.bootstrap.CloudException;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletSpec;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletState;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletStatus;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigitalOceanCloudProviderTest {

    private static final String TOKEN = "dop_v1_test_token";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String VOLUME_ID = "506f78a4-e098-11e5-ad9f-000f53306ae1";
    private static final String NOT_FOUND =
            "{\"id\": \"not_found\", \"message\": \"The resource you were accessing could not be found.\"}";

    private final MockWebServer server = new MockWebServer();
    private final ObjectMapper json = new ObjectMapper();
    private DigitalOceanCloudProvider cloud;

    @BeforeEach
    void start() throws Exception {
        server.start();
        // No silent retry on a dropped connection: the test wants to see the failure the adapter maps.
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5))
                .retryOnConnectionFailure(false).build();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        cloud = new DigitalOceanCloudProvider(http, server.url("/").toString(), TOKEN, clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void creates_droplet_with_ubuntu_image_cloud_init_and_monitoring() throws Exception {
        enqueue(202, """
                {"droplet": {"id": 3164494, "name": "timmy-node-1a2b", "memory": 8192, "vcpus": 4, "disk": 160,
                  "locked": false, "status": "new", "created_at": "2025-06-01T12:00:00Z",
                  "networks": {"v4": [], "v6": []}, "region": {"slug": "nyc3"}, "tags": ["timmy-node"]},
                 "links": {"actions": [{"id": 7515, "rel": "create", "href": "https://api.example/v2/actions/7515"}]}}
                """);

        var ref = cloud.createDroplet(new DropletSpec("timmy-node-1a2b", "nyc3", "s-4vcpu-8gb",
                List.of("3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa"),
                Optional.of("760e09ef-dc84-11e8-981e-3cfdfeaae000"), "#cloud-config\n", List.of("timmy-node")));

        assertThat(ref.id()).isEqualTo(3164494L);
        RecordedRequest request = takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/droplets");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(json.readTree(request.getBody().utf8())).isEqualTo(json.readTree("""
                {"name": "timmy-node-1a2b", "region": "nyc3", "size": "s-4vcpu-8gb", "image": "ubuntu-24-04-x64",
                 "ssh_keys": ["3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa"],
                 "vpc_uuid": "760e09ef-dc84-11e8-981e-3cfdfeaae000", "user_data": "#cloud-config\\n",
                 "tags": ["timmy-node"], "monitoring": true}
                """));
    }

    @Test
    void leaves_vpc_out_when_none_is_configured_so_the_default_vpc_is_used() throws Exception {
        enqueue(202, "{\"droplet\": {\"id\": 1, \"status\": \"new\", \"networks\": {\"v4\": []}}}");

        cloud.createDroplet(minimalSpec("s-4vcpu-8gb", "#cloud-config\n"));

        JsonNode body = json.readTree(takeRequest().getBody().utf8());
        assertThat(body.has("vpc_uuid")).isFalse();
        assertThat(body.path("ssh_keys").isArray()).isTrue();
    }

    @Test
    void refuses_user_data_over_digitalocean_limit_without_calling_the_api() {
        String huge = "#cloud-config\n" + "#".repeat(DigitalOceanCloudProvider.MAX_USER_DATA_BYTES);

        assertThatThrownBy(() -> cloud.createDroplet(minimalSpec("s-4vcpu-8gb", huge)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void reports_new_droplet_without_address_as_not_reachable() throws Exception {
        enqueue(200, "{\"droplet\": {\"id\": 3164494, \"status\": \"new\", \"networks\": {\"v4\": [], \"v6\": []}}}");

        DropletStatus status = cloud.getDroplet(3164494);

        assertThat(status).isEqualTo(new DropletStatus(3164494, DropletState.NEW, Optional.empty()));
        assertThat(status.isReachable()).isFalse();
        RecordedRequest request = takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/droplets/3164494");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void picks_the_public_address_of_an_active_droplet_over_the_private_one() {
        enqueue(200, """
                {"droplet": {"id": 3164494, "name": "timmy-node-1a2b", "status": "active",
                  "networks": {"v4": [
                    {"ip_address": "10.128.192.124", "netmask": "255.255.0.0", "gateway": "nil", "type": "private"},
                    {"ip_address": "203.0.113.54", "netmask": "255.255.240.0", "gateway": "203.0.113.1",
                     "type": "public"}],
                   "v6": [{"ip_address": "2001:db8::1", "netmask": 64, "gateway": "2001:db8::", "type": "public"}]},
                  "vpc_uuid": "760e09ef-dc84-11e8-981e-3cfdfeaae000"}}
                """);

        DropletStatus status = cloud.getDroplet(3164494);

        assertThat(status.state()).isEqualTo(DropletState.ACTIVE);
        assertThat(status.publicIpv4()).contains("203.0.113.54");
        assertThat(status.isReachable()).isTrue();
    }

    @Test
    void maps_a_status_it_does_not_know_to_unknown() {
        enqueue(200, "{\"droplet\": {\"id\": 7, \"status\": \"migrating\", \"networks\": {\"v4\": []}}}");

        assertThat(cloud.getDroplet(7).state()).isEqualTo(DropletState.UNKNOWN);
    }

    @Test
    void deletes_droplet() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());

        cloud.deleteDroplet(3164494);

        RecordedRequest request = takeRequest();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/droplets/3164494");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void treats_deleting_a_droplet_or_volume_that_is_already_gone_as_done() {
        enqueue(404, NOT_FOUND);
        enqueue(404, NOT_FOUND);

        assertThatNoException().isThrownBy(() -> cloud.deleteDroplet(3164494));
        assertThatNoException().isThrownBy(() -> cloud.deleteVolume(VOLUME_ID));
    }

    @Test
    void reports_polling_a_droplet_that_is_gone_as_permanent_failure() {
        enqueue(404, NOT_FOUND);

        assertThatThrownBy(() -> cloud.getDroplet(3164494))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("not_found");
    }

    @Test
    void creates_ext4_volume_and_answers_its_id() throws Exception {
        enqueue(201, """
                {"volume": {"id": "%s", "region": {"slug": "nyc3", "name": "New York 3"}, "droplet_ids": [],
                  "name": "timmy-chain-1a2b", "description": "", "size_gigabytes": 1000,
                  "created_at": "2025-06-01T12:00:00Z", "filesystem_type": "ext4", "filesystem_label": "", "tags": []}}
                """.formatted(VOLUME_ID));

        String id = cloud.createVolume("timmy-chain-1a2b", "nyc3", 1000);

        assertThat(id).isEqualTo(VOLUME_ID);
        RecordedRequest request = takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/volumes");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(json.readTree(request.getBody().utf8())).isEqualTo(json.readTree("""
                {"size_gigabytes": 1000, "name": "timmy-chain-1a2b", "region": "nyc3", "filesystem_type": "ext4"}
                """));
    }

    @Test
    void attaches_volume_with_an_attach_action() throws Exception {
        enqueue(202, """
                {"action": {"id": 72531856, "status": "in-progress", "type": "attach_volume",
                  "started_at": "2025-06-01T12:00:05Z", "completed_at": null, "resource_type": "volume",
                  "region_slug": "nyc3"}}
                """);

        cloud.attachVolume(VOLUME_ID, 3164494, "nyc3");

        RecordedRequest request = takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/volumes/" + VOLUME_ID + "/actions");
        assertThat(json.readTree(request.getBody().utf8())).isEqualTo(json.readTree("""
                {"type": "attach", "droplet_id": 3164494, "region": "nyc3"}
                """));
    }

    @Test
    void deletes_volume() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());

        cloud.deleteVolume(VOLUME_ID);

        RecordedRequest request = takeRequest();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/volumes/" + VOLUME_ID);
    }

    @Test
    void rate_limit_is_transient_and_waits_until_ratelimit_reset() {
        server.enqueue(new MockResponse.Builder().code(429)
                .addHeader("ratelimit-limit", "5000").addHeader("ratelimit-remaining", "0")
                .addHeader("ratelimit-reset", String.valueOf(NOW.plusSeconds(42).getEpochSecond()))
                .body("{\"id\": \"too_many_requests\", \"message\": \"API Rate limit exceeded.\"}").build());

        assertThatThrownBy(() -> cloud.getDroplet(1))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
                })
                .hasMessageContaining("429").hasMessageContaining("API Rate limit exceeded.");
    }

    @Test
    void burst_rate_limit_prefers_retry_after_seconds() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3")
                .addHeader("ratelimit-reset", String.valueOf(NOW.plusSeconds(600).getEpochSecond()))
                .body("{\"id\": \"too_many_requests\", \"message\": \"Too many requests\"}").build());

        assertThatThrownBy(() -> cloud.getDroplet(1)).isInstanceOfSatisfying(CloudException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
    }

    @Test
    void server_error_is_transient() {
        enqueue(503, "{\"id\": \"service_unavailable\", \"message\": \"Service is temporarily unavailable.\"}");

        assertThatThrownBy(() -> cloud.getDroplet(1)).isInstanceOfSatisfying(CloudException.class, e -> {
            assertThat(e.isTransient()).isTrue();
            assertThat(e.retryAfter()).isEmpty();
        });
    }

    @Test
    void unprocessable_request_is_permanent_and_carries_digitalocean_message() {
        enqueue(422, """
                {"id": "unprocessable_entity", "message": "You specified an invalid size for Droplet creation."}
                """);

        assertThatThrownBy(() -> cloud.createDroplet(minimalSpec("huge", "#cloud-config\n")))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("unprocessable_entity: You specified an invalid size");
    }

    @Test
    void bad_token_is_permanent_and_never_echoed() {
        enqueue(401, "{\"id\": \"Unauthorized\", \"message\": \"Unable to authenticate you\"}");

        assertThatThrownBy(() -> cloud.getDroplet(1))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isTransient()).isFalse())
                .message().doesNotContain(TOKEN);
    }

    @Test
    void dropped_connection_is_transient() {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());

        assertThatThrownBy(() -> cloud.getDroplet(1))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void spec_description_never_shows_user_data_which_holds_the_tailscale_key() {
        var spec = minimalSpec("s-4vcpu-8gb", "#cloud-config\ncontent: \"tskey-auth-secret\"\n");

        assertThat(spec.toString()).doesNotContain("tskey-auth-secret");
    }

    @Test
    void a_droplet_already_tagged_with_the_bootstrap_is_answered_instead_of_creating_a_second() throws Exception {
        enqueue(200, """
                {"droplets": [{"id": 3164494, "name": "timmy-node-1a2b", "status": "active",
                  "networks": {"v4": [], "v6": []}, "tags": ["timmy-node", "timmy-bootstrap-b1"]}],
                 "links": {}, "meta": {"total": 1}}
                """);

        var ref = cloud.createDroplet(taggedSpec("timmy-bootstrap-b1"));

        assertThat(ref.id()).isEqualTo(3164494L);
        RecordedRequest lookup = takeRequest();
        assertThat(lookup.getMethod()).isEqualTo("GET");
        assertThat(lookup.getUrl().encodedPath()).isEqualTo("/v2/droplets");
        assertThat(lookup.getUrl().queryParameter("tag_name")).isEqualTo("timmy-bootstrap-b1");
        assertThat(server.getRequestCount()).as("no POST after the lookup found it").isEqualTo(1);
    }

    @Test
    void a_bootstrap_without_a_droplet_yet_gets_one_after_the_lookup() throws Exception {
        enqueue(200, "{\"droplets\": [], \"links\": {}, \"meta\": {\"total\": 0}}");
        enqueue(202, "{\"droplet\": {\"id\": 42, \"status\": \"new\", \"networks\": {\"v4\": []}}}");

        var ref = cloud.createDroplet(taggedSpec("timmy-bootstrap-b2"));

        assertThat(ref.id()).isEqualTo(42L);
        assertThat(takeRequest().getMethod()).isEqualTo("GET");
        RecordedRequest create = takeRequest();
        assertThat(create.getMethod()).isEqualTo("POST");
        assertThat(json.readTree(create.getBody().utf8()).path("tags").toString())
                .isEqualTo("[\"timmy-node\",\"timmy-bootstrap-b2\"]");
    }

    private static DropletSpec taggedSpec(String uniqueTag) {
        return new DropletSpec("n", "nyc3", "s-4vcpu-8gb", List.of(), Optional.empty(), "#cloud-config\n",
                List.of("timmy-node", uniqueTag));
    }

    private static DropletSpec minimalSpec(String size, String userData) {
        return new DropletSpec("n", "nyc3", size, List.of(), Optional.empty(), userData, List.of());
    }

    private void enqueue(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build());
    }

    private RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }
}
