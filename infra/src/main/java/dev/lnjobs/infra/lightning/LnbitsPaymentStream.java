package dev.lnjobs.infra.lightning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.infra.http.HttpClients;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * LNbits' payment push: the websocket {@code /api/v1/ws/<wallet invoice key>} (LNbits 1.0.0 and later; it replaced
 * {@code /api/v1/payments/sse}), on which LNbits sends a text frame {@code {"wallet_balance": <sat>, "payment":
 * {"payment_hash": …, "amount": <msat, negative when outgoing>, "status": "success", …}}} for every settled payment
 * of the wallet. The hash of each incoming one is handed to {@code paidInvoices}, one at a time on a thread of its
 * own, which must re-check it with the node: LNbits relays to the socket whatever anyone POSTs to the same path,
 * so a frame is a hint, never proof. A dropped connection is re-opened after {@code firstDelay}, doubling up to
 * {@code maxDelay}; a frame, or a connection that lived at least {@code maxDelay}, starts the back-off afresh.
 * The invoice key is in the URL: it is never logged.
 */
public class LnbitsPaymentStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LnbitsPaymentStream.class);
    private static final Pattern PAYMENT_HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Duration PING_INTERVAL = Duration.ofSeconds(30);
    /** Notices waiting for their re-check; past this, a notice is dropped and the watcher finds the payment. */
    private static final int MAX_QUEUED_NOTICES = 10_000;

    private final Request request;
    private final String invoiceKey;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final Consumer<String> paidInvoices;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(
            daemon("lnbits-stream"));
    private final ThreadPoolExecutor notices = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(MAX_QUEUED_NOTICES), daemon("lnbits-stream-notice"),
            (task, pool) -> log.warn("LNbits payment notice dropped: {} are waiting; the watcher will find it",
                    MAX_QUEUED_NOTICES));
    private final AtomicInteger connections = new AtomicInteger();

    private boolean running;
    private WebSocket current;
    private boolean open;
    private long openedAtNanos;
    private int failures;

    /**
     * @param baseUrl      LNBITS_URL
     * @param invoiceKey   the wallet's invoice (read) key, which names the wallet's socket
     * @param paidInvoices receives the payment hash of each incoming payment LNbits announces
     */
    public LnbitsPaymentStream(String baseUrl, String invoiceKey, OkHttpClient http, ObjectMapper json,
                               Consumer<String> paidInvoices, Duration firstDelay, Duration maxDelay) {
        this.invoiceKey = Objects.requireNonNull(invoiceKey, "invoiceKey");
        HttpUrl url = HttpClients.endpoint(baseUrl, "api/v1/ws").newBuilder().addPathSegment(invoiceKey).build();
        this.request = new Request.Builder().url(url).build(); // okhttp upgrades http(s) to ws(s)
        // the socket stays open for hours: no call timeout; pings find a connection that died without a word
        this.http = http.newBuilder().callTimeout(Duration.ZERO).pingInterval(PING_INTERVAL).build();
        this.json = Objects.requireNonNull(json, "json");
        this.paidInvoices = Objects.requireNonNull(paidInvoices, "paidInvoices");
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    /** Opens the connection; from now on it is re-opened after every drop until {@link #close}. */
    public synchronized void start() {
        if (!running) {
            running = true;
            connect();
        }
    }

    /** Closes the connection and stops re-opening it; notices not yet re-checked are left to the watcher. */
    @Override
    public void close() {
        WebSocket socket;
        synchronized (this) {
            running = false;
            socket = current;
            current = null;
            open = false;
        }
        if (socket != null) {
            socket.close(1001, "going away");
        }
        reconnects.shutdownNow();
        notices.shutdownNow();
    }

    /** Whether a connection is open now. */
    public synchronized boolean connected() {
        return open;
    }

    /** How many connections were attempted so far. */
    public int connectionAttempts() {
        return connections.get();
    }

    private synchronized void connect() {
        if (running && current == null) {
            connections.incrementAndGet();
            current = http.newWebSocket(request, new Listener());
        }
    }

    private synchronized void opened(WebSocket socket) {
        if (socket != current) {
            return;
        }
        open = true;
        openedAtNanos = System.nanoTime();
        log.info("LNbits payment stream connected (attempt {})", connections.get());
    }

    private void received(WebSocket socket, String text) {
        synchronized (this) {
            if (socket != current) {
                return;
            }
            failures = 0;
        }
        String hash = incomingPaymentHash(text);
        if (hash != null) {
            notices.execute(() -> deliver(hash));
        }
    }

    private void deliver(String hash) {
        try {
            paidInvoices.accept(hash);
        } catch (RuntimeException e) {
            // the watcher re-checks the invoice on its own schedule
            log.warn("LNbits payment notice for {} could not be re-checked: {}", hash, scrub(e.toString()));
        }
    }

    /** The hash of an incoming settled payment the frame announces; null (and a log line) for anything else. */
    String incomingPaymentHash(String text) {
        JsonNode frame = parse(text);
        JsonNode payment = frame == null ? null : frame.get("payment");
        String hash = payment == null ? null : LnbitsHttp.text(payment, "payment_hash");
        if (hash == null || !PAYMENT_HASH.matcher(hash).matches()) {
            // the frame may carry a preimage or an invoice: its length is all that is logged
            log.warn("LNbits payment stream sent a frame that is no payment notice ({} characters); ignored",
                    text.length());
            return null;
        }
        JsonNode amount = payment.get("amount");
        String status = LnbitsHttp.text(payment, "status");
        if (amount != null && amount.isNumber() && amount.asLong() < 0) {
            return null; // one of our payouts: the refund and withdrawal sagas ask the node themselves
        }
        if (status != null && !status.equals("success")) {
            return null; // LNbits announces settled incoming payments only; a pending or failed one pays nothing
        }
        return hash;
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void dropped(WebSocket socket, String why) {
        long delayMs;
        synchronized (this) {
            if (socket != current) {
                return; // closed by us, or a connection already replaced
            }
            current = null;
            boolean wasOpen = open;
            open = false;
            if (!running) {
                return;
            }
            if (wasOpen && System.nanoTime() - openedAtNanos >= maxDelay.toNanos()) {
                failures = 0;
            }
            delayMs = backOff(failures++).toMillis();
            try {
                reconnects.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // closing
            }
        }
        log.warn("LNbits payment stream {}; re-connecting in {} ms", scrub(why), delayMs);
    }

    /** {@code firstDelay} × 2^n, at most {@code maxDelay}. */
    Duration backOff(int n) {
        Duration delay = firstDelay;
        for (int i = 0; i < n && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) < 0 ? delay : maxDelay;
    }

    /** An exception's text may quote the URL, and with it the invoice key. */
    private String scrub(String text) {
        return text == null ? "" : text.replace(invoiceKey, "<invoice key>");
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private final class Listener extends WebSocketListener {

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened(webSocket);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            received(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            log.warn("LNbits payment stream sent a binary frame ({} bytes); ignored", bytes.size());
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            dropped(webSocket, "closed by LNbits (code " + code + ")");
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            String answer = response == null ? "" : " (HTTP " + response.code() + ")";
            dropped(webSocket, "failed: " + failure + answer);
        }
    }
}
