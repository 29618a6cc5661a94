package dev.lnjobs.server.lightning;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.sagas.lightning.PaymentNotices;
import dev.lnjobs.server.config.LightningProperties;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** The push's wiring: none in stub mode; with LNbits one stream, whose notices go to PaymentNotices. */
class LnbitsPaymentPushTest {

    private static final String HASH = "7f".repeat(32);

    private final MockWebServer lnbits = new MockWebServer();
    private final PaymentNotices notices = mock(PaymentNotices.class);
    private LnbitsPaymentPush push;

    private static LightningProperties lightning(String url, String key) {
        return new LightningProperties(url, key, null, null, Duration.ofHours(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMinutes(1), null, BigDecimal.ONE, 2);
    }

    @AfterEach
    void stop() {
        if (push != null) {
            push.stop();
        }
        lnbits.close();
    }

    @Test
    void in_stub_mode_nothing_is_opened() {
        push = new LnbitsPaymentPush(lightning("", ""), new OkHttpClient(), new ObjectMapper(), notices);

        push.start();

        assertThat(push.isRunning()).isFalse();
        assertThat(push.connected()).isFalse();
        verifyNoInteractions(notices);
    }

    @Test
    void with_lnbits_one_stream_hands_each_notice_to_payment_notices_and_closes_with_the_server() throws Exception {
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        lnbits.enqueue(new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                opened.complete(webSocket);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                closedWith.complete(code);
                webSocket.close(1000, null);
            }
        }).build());
        lnbits.start();
        push = new LnbitsPaymentPush(lightning(lnbits.url("/").toString(), "invoice-key-1"), new OkHttpClient(),
                new ObjectMapper(), notices);

        push.start();
        opened.get(5, TimeUnit.SECONDS).send("{\"wallet_balance\": 10, \"payment\": {\"payment_hash\": \"" + HASH
                + "\", \"amount\": 10000, \"status\": \"success\"}}");

        verify(notices, timeout(5_000)).recheck(HASH);
        await().atMost(Duration.ofSeconds(5)).until(push::connected);
        assertThat(lnbits.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath())
                .isEqualTo("/api/v1/ws/invoice-key-1");
        push.stop();
        assertThat(closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
        assertThat(push.isRunning()).isFalse();
    }
}
