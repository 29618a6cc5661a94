package dev.lnjobs.infra.lightning.address;

import dev.lnjobs.infra.lightning.RefundInvoiceVerifier;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.sagas.lightning.LightningAddresses.AddressInvoice;
import dev.lnjobs.sagas.lightning.LightningException;
import okhttp3.Dns;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.lnjobs.infra.http.WireTestSupport.takeRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The LUD-16 resolver against MockWebServer on loopback, through the test allowance (http and loopback permitted,
 * well-known URLs at the server's origin), and with the allowance off against a fake DNS that answers private space.
 */
class LnurlPayLightningAddressesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final NodeKey PAYEE = NodeKey.fromPrivateKeyHex("22".repeat(32));
    private static final String METADATA =
            "[[\"text/plain\",\"Pay alice\"],[\"text/identifier\",\"alice@pay.example\"]]";
    private static final int MAX_BODY = 4096;

    private final MockWebServer server = new MockWebServer();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final RefundInvoiceVerifier verifier = new RefundInvoiceVerifier(BitcoinNetwork.REGTEST, clock, Set.of());
    private LnurlPayLightningAddresses addresses;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        addresses = new LnurlPayLightningAddresses(new AddressFetchSettings(Duration.ofSeconds(2), MAX_BODY,
                "http://127.0.0.1:" + server.getPort()), verifier, Dns.SYSTEM);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private String payRequest(String callback, long min, long max) {
        return "{\"tag\":\"payRequest\",\"callback\":\"" + callback + "\",\"minSendable\":" + min
                + ",\"maxSendable\":" + max + ",\"metadata\":" + quoted(METADATA) + ",\"commentAllowed\":0}";
    }

    private String callbackUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/lnurlp/callback/alice?k=1";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String invoice(long msat, String descriptionHashOf) {
        return Bolt11.encodeWithDescriptionHash(BitcoinNetwork.REGTEST, msat, NOW.minusSeconds(5), "ab".repeat(32),
                "cd".repeat(32), LnurlPayLightningAddresses.sha256Hex(descriptionHashOf), 600, PAYEE);
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    @Test
    void resolves_the_address_and_answers_the_invoice_for_exactly_the_amount() {
        String pr = invoice(21_000, METADATA);
        server.enqueue(json(payRequest(callbackUrl(), 1_000, 100_000_000)));
        server.enqueue(json("{\"pr\":\"" + pr + "\",\"routes\":[]}"));

        AddressInvoice answer = addresses.invoiceFor("Alice@pay.example", 21);

        assertThat(answer).isEqualTo(new AddressInvoice(pr, "ab".repeat(32), 21));
        RecordedRequest wellKnown = takeRequest(server);
        assertThat(wellKnown.getMethod()).isEqualTo("GET");
        assertThat(wellKnown.getPath()).isEqualTo("/.well-known/lnurlp/alice");
        RecordedRequest callback = takeRequest(server);
        assertThat(callback.getRequestUrl().encodedPath()).isEqualTo("/lnurlp/callback/alice");
        assertThat(callback.getRequestUrl().queryParameter("k")).isEqualTo("1");
        assertThat(callback.getRequestUrl().queryParameter("amount")).isEqualTo("21000");
    }

    @Test
    void refuses_an_invoice_for_another_amount() {
        server.enqueue(json(payRequest(callbackUrl(), 1_000, 100_000_000)));
        server.enqueue(json("{\"pr\":\"" + invoice(22_000, METADATA) + "\"}"));

        assertRefused(() -> addresses.invoiceFor("alice@pay.example", 21), "amount_exact");
    }

    @Test
    void refuses_an_invoice_whose_description_hash_is_not_the_metadata_s() {
        server.enqueue(json(payRequest(callbackUrl(), 1_000, 100_000_000)));
        server.enqueue(json("{\"pr\":\"" + invoice(21_000, METADATA + " ") + "\"}"));

        assertRefused(() -> addresses.invoiceFor("alice@pay.example", 21), "description hash");
    }

    @Test
    void refuses_an_amount_outside_min_and_max_sendable_without_calling_back() {
        server.enqueue(json(payRequest(callbackUrl(), 50_000, 100_000)));

        assertRefused(() -> addresses.invoiceFor("alice@pay.example", 21), "50000 to 100000 msat, not 21000");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void refuses_what_is_not_a_pay_request_and_an_lnurl_error() {
        server.enqueue(json("{\"tag\":\"withdrawRequest\"}"));
        assertRefused(() -> addresses.invoiceFor("alice@pay.example", 21), "no payRequest");

        server.enqueue(json("{\"status\":\"ERROR\",\"reason\":\"no such user\"}").setResponseCode(404));
        assertRefused(() -> addresses.invoiceFor("bob@pay.example", 21), "no such user");
    }

    @Test
    void refuses_a_redirect_of_the_well_known_url_to_another_host() {
        server.enqueue(new MockResponse().setResponseCode(302)
                .setHeader("Location", "http://localhost:" + server.getPort() + "/.well-known/lnurlp/alice"));

        assertRefused(() -> addresses.invoiceFor("alice@pay.example", 21), "redirect to another host");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void refuses_a_redirect_of_the_callback_to_another_host() {
        server.enqueue(json(payRequest(callbackUrl(), 1_000, 100_000_000)));
        server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", "http://localhost:"
                + server.getPort() + "/elsewhere"));

        assertRefused(() -> addresses.invoiceFor("alice@pay.example", 21), "redirect to another host");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void follows_a_redirect_on_the_same_host() {
        server.enqueue(new MockResponse().setResponseCode(301).setHeader("Location", "/lnurlp/alice"));
        server.enqueue(json(payRequest(callbackUrl(), 1_000, 100_000_000)));
        server.enqueue(json("{\"pr\":\"" + invoice(21_000, METADATA) + "\"}"));

        assertThat(addresses.invoiceFor("alice@pay.example", 21).amountSats()).isEqualTo(21);
        assertThat(takeRequest(server).getPath()).isEqualTo("/.well-known/lnurlp/alice");
        assertThat(takeRequest(server).getPath()).isEqualTo("/lnurlp/alice");
    }

    @Test
    void refuses_an_oversize_answer_declared_or_streamed() {
        String padding = " ".repeat(MAX_BODY);
        server.enqueue(json(payRequest(callbackUrl(), 1_000, 100_000_000) + padding));
        assertRefused(() -> addresses.invoiceFor("alice@pay.example", 21), "at most " + MAX_BODY);

        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                .setChunkedBody(new Buffer().writeUtf8(payRequest(callbackUrl(), 1_000, 100_000_000) + padding), 512));
        assertRefused(() -> addresses.invoiceFor("alice@pay.example", 21), "longer than " + MAX_BODY);
    }

    @Test
    void a_server_error_or_a_time_out_is_worth_another_try() {
        server.enqueue(new MockResponse().setResponseCode(503));
        assertThatThrownBy(() -> addresses.invoiceFor("alice@pay.example", 21))
                .isInstanceOfSatisfying(LightningException.class, e -> assertThat(e.isTransient()).isTrue());

        server.enqueue(json(payRequest(callbackUrl(), 1_000, 100_000_000)).setBodyDelay(5, TimeUnit.SECONDS));
        assertThatThrownBy(() -> addresses.invoiceFor("alice@pay.example", 21))
                .isInstanceOfSatisfying(LightningException.class, e -> assertThat(e.isTransient()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.7/cb", "http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/",
        "http://[::ffff:192.168.1.1]/cb", "http://0.0.0.0/cb", "http://100.64.1.1/cb", "ftp://127.0.0.1/cb"})
    void refuses_a_callback_to_a_private_literal_or_another_scheme_without_calling_it(String callback) {
        server.enqueue(json(payRequest(callback, 1_000, 100_000_000)));

        assertRefused(() -> addresses.invoiceFor("alice@pay.example", 21), "");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void refuses_a_malformed_address_without_any_call() {
        assertRefused(() -> addresses.invoiceFor("alice@127.0.0.1", 21), "not a Lightning Address");
        assertRefused(() -> addresses.invoiceFor("alice", 21), "not a Lightning Address");
        assertThat(server.getRequestCount()).isZero();
    }

    /** Without the allowance: https only, and a name that resolves into private space is never connected to. */
    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "127.0.0.1", "169.254.169.254", "172.20.0.1", "192.168.0.10", "100.100.0.1",
        "fd00:ec2::254", "fe80::1", "::1", "0.0.0.0"})
    void refuses_a_domain_whose_dns_answers_point_to_private_space(String answer) throws IOException {
        List<String> asked = new java.util.ArrayList<>();
        Dns fake = host -> {
            asked.add(host);
            return List.of(InetAddress.getByName(answer));
        };
        LnurlPayLightningAddresses production = new LnurlPayLightningAddresses(
                new AddressFetchSettings(Duration.ofSeconds(2), MAX_BODY, null), verifier, fake);

        assertRefused(() -> production.invoiceFor("alice@pay.example", 21), "not a public address");
        assertThat(asked).containsExactly("pay.example");
    }

    @Test
    void refuses_a_domain_when_any_of_its_answers_is_private() throws IOException {
        Dns fake = host -> List.of(InetAddress.getByName("1.1.1.1"), InetAddress.getByName("10.0.0.1"));
        LnurlPayLightningAddresses production = new LnurlPayLightningAddresses(
                new AddressFetchSettings(Duration.ofSeconds(2), MAX_BODY, null), verifier, fake);

        assertRefused(() -> production.invoiceFor("alice@pay.example", 21), "10.0.0.1");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LightningException.class, e -> {
            assertThat(e.isTransient()).as(e.getMessage()).isFalse();
            assertThat(e.getMessage()).contains(reason);
        });
    }

    @Test
    void the_metadata_hash_is_sha256_of_its_utf8_text() {
        assertThat(LnurlPayLightningAddresses.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(HexFormat.of().parseHex(LnurlPayLightningAddresses.sha256Hex(METADATA))).hasSize(32);
    }
}
