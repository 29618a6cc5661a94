package dev.lnjobs.infra.lightning;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stream client against a MockWebServer that upgrades to a websocket and sends frames shaped as LNbits
 * (lnbits/lnbits 7d98c6b, {@code lnbits/core/services/notifications.py#send_ws_payment_notification}) sends them:
 * {@code {"wallet_balance": <sat>, "payment": <Payment.json()>}}.
 */
class LnbitsPaymentStreamTest {

    static final String INVOICE_KEY = "a3f1c9e2b7d84e0f9c1b2a3d4e5f6071";
    static final String PREIMAGE = "5ad1c8a1f0e2d3b4c5a6978877665544332211ffeeddccbbaa99887766554433";
    private static final String HASH_A = "4a5b6c7d8e9f00112233445566778899aabbccddeeff00112233445566778899";
    private static final String HASH_B = "b1b2b3b4b5b6b7b8b9b0c1c2c3c4c5c6c7c8c9c0d1d2d3d4d5d6d7d8d9d0e1e2";

    private final MockWebServer lnbits = new MockWebServer();
    private final BlockingQueue<String> announced = new LinkedBlockingQueue<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger streamLogger = (Logger) LoggerFactory.getLogger(LnbitsPaymentStream.class);
    private LnbitsPaymentStream stream;

    @BeforeEach
    void start() throws Exception {
        lnbits.start();
        logs.start();
        streamLogger.addAppender(logs);
        stream = new LnbitsPaymentStream("http://" + lnbits.getHostName() + ":" + lnbits.getPort(), INVOICE_KEY,
                new OkHttpClient(), new ObjectMapper(), announced::add, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    @AfterEach
    void stop() {
        stream.close();
        streamLogger.detachAppender(logs);
        lnbits.close();
    }

    /** A frame as LNbits sends it for a settled payment of the wallet ({@code amount} in msat, negative when out). */
    static String frame(String hash, long amountMsat, String status) {
        return """
                {"wallet_balance": 4210, "payment": {"checking_id": "%1$s", "payment_hash": "%1$s",
                 "wallet_id": "0c7c4e1f8a2d4b6e9f3a5c7e1b3d5f70", "amount": %2$d, "fee": 0,
                 "bolt11": "lnbcrt100n1p5xyzpp5ffake", "payment_request": "lnbcrt100n1p5xyzpp5ffake",
                 "fiat_provider": null, "status": "%3$s", "memo": "lnjobs evaluation",
                 "expiry": "2026-03-20T11:41:02+00:00", "webhook": null, "webhook_status": null,
                 "preimage": "%4$s", "tag": null, "extension": null,
                 "time": "2026-03-20T10:41:02.123456+00:00", "created_at": "2026-03-20T10:41:02.123456+00:00",
                 "updated_at": "2026-03-20T10:41:05.654321+00:00", "labels": [], "extra": {}}}
                """.formatted(hash, amountMsat, status, PREIMAGE);
    }

    /** LNbits' side of one connection. */
    static final class LnbitsSocket extends WebSocketListener {
        final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        final CompletableFuture<Integer> closedWith = new CompletableFuture<>();

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened.complete(webSocket);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closedWith.complete(code);
            webSocket.close(code, null);
        }

        WebSocket socket() throws Exception {
            return opened.get(5, TimeUnit.SECONDS);
        }
    }

    static LnbitsSocket upgrade(MockWebServer server) {
        LnbitsSocket socket = new LnbitsSocket();
        server.enqueue(new MockResponse.Builder().webSocketUpgrade(socket).build());
        return socket;
    }

    @Test
    void announces_an_incoming_payment_of_the_wallet_by_its_hash() throws Exception {
        LnbitsSocket lnbitsSide = upgrade(lnbits);
        stream.start();

        lnbitsSide.socket().send(frame(HASH_A, 10_000, "success"));

        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo(HASH_A);
        RecordedRequest request = lnbits.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/ws/" + INVOICE_KEY);
        assertThat(request.getHeaders().get("Upgrade")).isEqualTo("websocket");
        await().atMost(Duration.ofSeconds(5)).until(stream::connected);
        assertThat(stream.connectionAttempts()).isEqualTo(1);
    }

    @Test
    void ignores_malformed_frames_and_outgoing_or_unsettled_payments_without_logging_their_content()
            throws Exception {
        LnbitsSocket lnbitsSide = upgrade(lnbits);
        stream.start();
        WebSocket socket = lnbitsSide.socket();

        socket.send("not json " + PREIMAGE);
        socket.send("[\"" + HASH_B + "\"]");
        socket.send("{\"wallet_balance\": 4210}");
        socket.send(frame("NOT-A-HASH", 10_000, "success"));
        socket.send(ByteString.encodeUtf8(frame(HASH_B, 10_000, "success")));
        socket.send(frame(HASH_B, -10_000, "success")); // a payout of ours
        socket.send(frame(HASH_B, 10_000, "failed"));
        socket.send(frame(HASH_A, 10_000, "success"));

        // frames are read in order: once the last is announced, every frame before it was read and dropped
        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo(HASH_A);
        assertThat(announced).isEmpty();
        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("ignored")).hasSize(5);
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(PREIMAGE)
                || e.getFormattedMessage().contains(INVOICE_KEY));
        assertThat(stream.connected()).isTrue();
        assertThat(stream.connectionAttempts()).isEqualTo(1);
    }

    @Test
    void re_connects_after_a_dropped_connection_and_a_refused_upgrade() throws Exception {
        try (ScriptedWebSocketServer server = new ScriptedWebSocketServer()) {
            CountDownLatch firstAnnounced = new CountDownLatch(1);
            server.then(connection -> {
                connection.accept();
                connection.sendText(frame(HASH_A, 10_000, "success"));
                firstAnnounced.await(5, TimeUnit.SECONDS);
                connection.reset(); // the connection breaks: no close frame
            });
            server.then(connection -> connection.refuse(503)); // LNbits restarting
            server.then(connection -> {
                connection.accept();
                connection.sendText(frame(HASH_B, 21_000, "success"));
                new CountDownLatch(1).await(10, TimeUnit.SECONDS); // stays open
            });
            stream.close();
            stream = new LnbitsPaymentStream(server.baseUrl(), INVOICE_KEY, new OkHttpClient(), new ObjectMapper(),
                    announced::add, Duration.ofMillis(50), Duration.ofMillis(200));
            stream.start();

            assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo(HASH_A);
            firstAnnounced.countDown();

            assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo(HASH_B);
            await().atMost(Duration.ofSeconds(5)).until(stream::connected);
            assertThat(stream.connectionAttempts()).isEqualTo(3);
            assertThat(server.requestLines()).containsExactly("GET /api/v1/ws/" + INVOICE_KEY + " HTTP/1.1",
                    "GET /api/v1/ws/" + INVOICE_KEY + " HTTP/1.1", "GET /api/v1/ws/" + INVOICE_KEY + " HTTP/1.1");
            assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("re-connecting in")).hasSize(2);
            assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(INVOICE_KEY));
        }
    }

    @Test
    void re_connects_after_lnbits_closes_the_socket() throws Exception {
        LnbitsSocket first = upgrade(lnbits);
        LnbitsSocket second = upgrade(lnbits);
        stream.start();

        first.socket().close(1012, "service restart");
        assertThat(first.closedWith.get(5, TimeUnit.SECONDS)).as("the client's answer to the close frame")
                .isEqualTo(1000);
        second.socket().send(frame(HASH_B, 21_000, "success"));

        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo(HASH_B);
        assertThat(stream.connectionAttempts()).isEqualTo(2);
        assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("closed by LNbits (code 1012)"));
    }

    @Test
    void backs_off_doubling_from_the_first_delay_up_to_the_cap() {
        assertThat(stream.backOff(0)).isEqualTo(Duration.ofMillis(50));
        assertThat(stream.backOff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(stream.backOff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(stream.backOff(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(stream.backOff(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void refused_upgrades_back_off_until_lnbits_accepts() throws Exception {
        for (int i = 0; i < 4; i++) {
            lnbits.enqueue(new MockResponse.Builder().code(403).body("{\"detail\": \"forbidden\"}").build());
        }
        LnbitsSocket accepted = upgrade(lnbits);
        long started = System.nanoTime();
        stream.start();

        accepted.socket().send(frame(HASH_B, 1_000, "success"));

        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo(HASH_B);
        // 50 + 100 + 200 + 200 ms between the five attempts
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(550));
        assertThat(stream.connectionAttempts()).isEqualTo(5);
        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("HTTP 403")).hasSize(4);
    }

    @Test
    void closing_says_goodbye_and_stops_re_connecting() throws Exception {
        LnbitsSocket lnbitsSide = upgrade(lnbits);
        upgrade(lnbits);
        stream.start();
        lnbitsSide.socket();
        await().atMost(Duration.ofSeconds(5)).until(stream::connected);

        stream.close();

        assertThat(lnbitsSide.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
        assertThat(stream.connected()).isFalse();
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> lnbits.getRequestCount() == 1);
    }
}
