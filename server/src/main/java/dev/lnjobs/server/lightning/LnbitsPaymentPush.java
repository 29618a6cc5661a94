package dev.lnjobs.server.lightning;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.infra.lightning.LnbitsPaymentStream;
import dev.lnjobs.sagas.lightning.PaymentNotices;
import dev.lnjobs.server.config.LightningProperties;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Listens to LNbits' payment stream while the server runs (one connection per server node, none in stub mode, where
 * the stub pay is the push) and hands every announced payment to {@link PaymentNotices}, which asks LNbits whether
 * it is paid before it counts. Started last and stopped first, so no notice arrives before the command bus is up.
 */
@Component
class LnbitsPaymentPush implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LnbitsPaymentPush.class);
    static final Duration FIRST_RECONNECT_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_RECONNECT_DELAY = Duration.ofMinutes(1);

    private final LightningProperties lightning;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final PaymentNotices notices;
    private volatile LnbitsPaymentStream stream;

    LnbitsPaymentPush(LightningProperties lightning, OkHttpClient http, ObjectMapper json, PaymentNotices notices) {
        this.lightning = lightning;
        this.http = http;
        this.json = json;
        this.notices = notices;
    }

    @Override
    public synchronized void start() {
        if (lightning.stub() || stream != null) {
            return;
        }
        stream = new LnbitsPaymentStream(lightning.lnbitsUrl(), lightning.lnbitsApiKey(), http, json, this::noticed,
                FIRST_RECONNECT_DELAY, MAX_RECONNECT_DELAY);
        stream.start();
    }

    private void noticed(String paymentHash) {
        PaymentNotices.Outcome outcome = notices.recheck(paymentHash);
        log.debug("LNbits announced payment {}: {}", paymentHash, outcome);
    }

    @Override
    public synchronized void stop() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    @Override
    public boolean isRunning() {
        return stream != null;
    }

    /** Whether the stream is connected now (false in stub mode). */
    boolean connected() {
        LnbitsPaymentStream current = stream;
        return current != null && current.connected();
    }
}
