package dev.lnjobs.infra.lightning;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.api.job.JobCommands.ConfirmInvoicePaid;
import dev.lnjobs.api.lightning.InvoiceQueries.FindInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.Purpose;
import dev.lnjobs.infra.lightning.LnbitsPaymentStreamTest.LnbitsSocket;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.sagas.lightning.PaymentNotices;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.lnjobs.infra.lightning.LnbitsPaymentStreamTest.INVOICE_KEY;
import static dev.lnjobs.infra.lightning.LnbitsPaymentStreamTest.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A frame is a hint: the stream hands it to the real {@link PaymentNotices}, which asks LNbits
 * ({@code GET /api/v1/payments/<hash>}, on the same MockWebServer) before it sends anything.
 */
class LnbitsPaymentStreamNoticesTest {

    private static final String PAID = "1111111111111111111111111111111111111111111111111111111111111111";
    private static final String UNPAID = "2222222222222222222222222222222222222222222222222222222222222222";
    private static final String NOT_OURS = "3333333333333333333333333333333333333333333333333333333333333333";
    private static final Instant NOW = Instant.parse("2026-03-20T10:41:00Z");

    private final MockWebServer lnbits = new MockWebServer();
    private final List<String> checked = new CopyOnWriteArrayList<>();
    private final LnbitsSocket socket = new LnbitsSocket();
    private final CommandGateway commands = mock(CommandGateway.class);
    private final QueryGateway queries = mock(QueryGateway.class);
    private final Map<String, IssuedInvoice> issued = Map.of(
            PAID, new IssuedInvoice(PAID, Purpose.JOB_EVAL, "job-paid", 10, NOW.plusSeconds(3600), false),
            UNPAID, new IssuedInvoice(UNPAID, Purpose.JOB_EVAL, "job-unpaid", 10, NOW.plusSeconds(3600), false));
    private final OkHttpClient http = new OkHttpClient();
    private LnbitsPaymentStream stream;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() throws Exception {
        lnbits.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                List<String> path = request.getUrl().pathSegments();
                if (path.get(2).equals("ws")) {
                    return new MockResponse.Builder().webSocketUpgrade(socket).build();
                }
                String hash = path.get(3);
                checked.add(hash);
                return switch (hash) {
                    case PAID -> json(200, "{\"paid\": true, \"preimage\": \"" + "ab".repeat(32) + "\"}");
                    case UNPAID -> json(200, "{\"paid\": false}");
                    default -> json(404, "{\"detail\": \"Payment does not exist.\"}");
                };
            }
        });
        lnbits.start();
        when(queries.query(any(FindInvoice.class), any(ResponseType.class))).thenAnswer(call ->
                CompletableFuture.completedFuture(issued.get(((FindInvoice) call.getArgument(0)).paymentHash())));
        String url = "http://" + lnbits.getHostName() + ":" + lnbits.getPort();
        ObjectMapper json = new ObjectMapper();
        LnbitsLightningNode node = new LnbitsLightningNode(url, INVOICE_KEY, null, http, json, null,
                BitcoinNetwork.REGTEST, Clock.fixed(NOW, ZoneOffset.UTC));
        PaymentNotices notices = new PaymentNotices(node, commands, queries, Clock.fixed(NOW, ZoneOffset.UTC));
        stream = new LnbitsPaymentStream(url, INVOICE_KEY, http, json, notices::recheck, Duration.ofMillis(50),
                Duration.ofMillis(200));
        stream.start();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @AfterEach
    void stop() {
        stream.close();
        http.connectionPool().evictAll();
        lnbits.close();
    }

    @Test
    void a_notice_for_a_paid_invoice_is_confirmed_after_lnbits_says_it_is_paid() throws Exception {
        socket.socket().send(frame(PAID, 10_000, "success"));

        verify(commands, timeout(5_000)).sendAndWait(new ConfirmInvoicePaid("job-paid", PAID, NOW));
        assertThat(checked).containsExactly(PAID);
    }

    @Test
    void a_notice_for_an_unpaid_invoice_is_checked_with_lnbits_and_confirms_nothing() throws Exception {
        socket.socket().send(frame(UNPAID, 10_000, "success"));

        await().atMost(Duration.ofSeconds(5)).until(() -> checked.contains(UNPAID));
        // a later notice is handled after this one: once it is confirmed, the first has been decided
        socket.socket().send(frame(PAID, 10_000, "success"));
        verify(commands, timeout(5_000)).sendAndWait(new ConfirmInvoicePaid("job-paid", PAID, NOW));
        verify(commands, never()).sendAndWait(new ConfirmInvoicePaid("job-unpaid", UNPAID, NOW));
        assertThat(checked).containsExactly(UNPAID, PAID);
    }

    @Test
    void a_notice_for_a_hash_this_service_never_issued_costs_no_call_to_lnbits() throws Exception {
        socket.socket().send(frame(NOT_OURS, 10_000, "success"));
        socket.socket().send(frame(PAID, 10_000, "success"));

        verify(commands, timeout(5_000)).sendAndWait(new ConfirmInvoicePaid("job-paid", PAID, NOW));
        verify(commands, timeout(5_000).times(1)).sendAndWait(any());
        assertThat(checked).containsExactly(PAID);
        assertThat(lnbits.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath())
                .isEqualTo("/api/v1/ws/" + INVOICE_KEY);
    }
}
