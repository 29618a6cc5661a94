package dev.lnjobs.infra.lightning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.lightning.PaymentHash;
import dev.lnjobs.infra.http.HttpClients;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A Lightning wallet on an LNbits instance, spoken to over its wallet REST API (/api/v1/payments). */
public class LnbitsLightningNode implements LightningNode {

    private static final Logger log = LoggerFactory.getLogger(LnbitsLightningNode.class);
    private static final int MAX_ERROR_TEXT = 300;

    private final HttpUrl paymentsUrl;
    private final String invoiceKey;
    private final String adminKey;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final String webhookUrl;
    private final Clock clock;

    /**
     * @param adminKey   needed only to pay; null or blank falls back to {@code invoiceKey}
     * @param webhookUrl where LNbits should POST paid invoices; null or blank for none
     */
    public LnbitsLightningNode(String baseUrl, String invoiceKey, String adminKey, OkHttpClient http,
                               ObjectMapper json, String webhookUrl, Clock clock) {
        this.paymentsUrl = HttpClients.endpoint(baseUrl, "api/v1/payments");
        this.invoiceKey = requireText(invoiceKey, "LNbits invoice key");
        this.adminKey = isBlank(adminKey) ? invoiceKey : adminKey;
        this.http = Objects.requireNonNull(http, "http");
        this.json = Objects.requireNonNull(json, "json");
        this.webhookUrl = isBlank(webhookUrl) ? null : webhookUrl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Invoice createInvoice(long amountSats, String memo, Duration expiry) {
        if (expiry.toSeconds() <= 0) {
            throw new IllegalArgumentException("an invoice must be payable for at least a second, not " + expiry);
        }
        ObjectNode body = json.createObjectNode()
                .put("out", false)
                .put("amount", amountSats)
                .put("unit", "sat")
                .put("memo", memo == null ? "" : memo)
                .put("expiry", expiry.toSeconds());
        if (webhookUrl != null) {
            body.put("webhook", webhookUrl);
        }
        // taken before the call, so our expiry is never later than the one LNbits writes into the invoice
        Instant requestedAt = clock.instant();
        JsonNode created = successBody(execute(post(body, invoiceKey), "create invoice"), "create invoice");
        String paymentHash = text(created, "payment_hash");
        String paymentRequest = text(created, "payment_request");
        if (paymentRequest == null) {
            paymentRequest = text(created, "bolt11");
        }
        if (paymentHash == null || paymentRequest == null) {
            throw new LightningException("LNbits created an invoice without payment_hash or payment_request", false);
        }
        Invoice invoice;
        try {
            invoice = new Invoice(paymentHash, paymentRequest, amountSats, requestedAt.plus(expiry));
        } catch (IllegalArgumentException e) {
            throw new LightningException("LNbits answered an unusable invoice: " + e.getMessage(), false, e);
        }
        log.info("LNbits invoice issued: hash={} amountSats={} expiresAt={}",
                invoice.paymentHash(), amountSats, invoice.expiresAt());
        return invoice;
    }

    @Override
    public PaymentStatus checkPayment(String paymentHash) {
        String hash = PaymentHash.of(paymentHash).hex();
        Request request = new Request.Builder()
                .url(paymentsUrl.newBuilder().addPathSegment(hash).build())
                .header("X-Api-Key", invoiceKey)
                .get()
                .build();
        LnbitsReply reply = execute(request, "check payment");
        if (reply.status() == 404) {
            return PaymentStatus.UNKNOWN;
        }
        JsonNode payment = successBody(reply, "check payment");
        if (payment.path("paid").asBoolean(false)) {
            return PaymentStatus.PAID;
        }
        // outgoing payments carry their fate in details.status; some versions also put it at the top level
        String status = payment.path("details").path("status").asText(payment.path("status").asText(""));
        return "failed".equalsIgnoreCase(status) ? PaymentStatus.FAILED : PaymentStatus.PENDING;
    }

    @Override
    public String payInvoice(String bolt11) {
        ObjectNode body = json.createObjectNode()
                .put("out", true)
                .put("bolt11", requireText(bolt11, "bolt11"));
        JsonNode sent = successBody(execute(post(body, adminKey), "pay invoice"), "pay invoice");
        String paymentHash = text(sent, "payment_hash");
        if (paymentHash == null) {
            throw new LightningException("LNbits accepted the payment but answered no payment_hash", false);
        }
        log.info("LNbits payment sent: hash={}", paymentHash);
        return paymentHash;
    }

    private Request post(ObjectNode body, String apiKey) {
        return new Request.Builder()
                .url(paymentsUrl)
                .header("X-Api-Key", apiKey)
                .post(HttpClients.jsonBody(body))
                .build();
    }

    private LnbitsReply execute(Request request, String action) {
        try (Response response = http.newCall(request).execute()) {
            return new LnbitsReply(response.code(), response.body().string());
        } catch (IOException e) {
            // timeouts and broken connections: the node may be fine a moment later
            throw new LightningException("LNbits " + action + " failed: " + describe(e), true, e);
        }
    }

    private JsonNode successBody(LnbitsReply reply, String action) {
        if (reply.status() / 100 != 2) {
            // 408 and 429 are "not now" rather than "never"; other 4xx are refusals that will repeat
            boolean transientFailure = reply.status() >= 500 || reply.status() == 408 || reply.status() == 429;
            throw new LightningException("LNbits " + action + " answered " + reply.status() + ": "
                    + detail(reply.body()), transientFailure);
        }
        try {
            return json.readTree(reply.body());
        } catch (JsonProcessingException e) {
            throw new LightningException("LNbits " + action + " answered unreadable JSON", false, e);
        }
    }

    /** LNbits (FastAPI) errors are {"detail": "..."} or {"detail": [validation errors]}. */
    private String detail(String body) {
        try {
            JsonNode detail = json.readTree(body).path("detail");
            if (detail.isTextual()) {
                return detail.asText();
            }
            if (!detail.isMissingNode()) {
                return abbreviate(detail.toString());
            }
        } catch (JsonProcessingException e) {
            // not JSON, e.g. a proxy's error page: show its start
        }
        return abbreviate(body);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
    }

    private static String requireText(String value, String name) {
        if (isBlank(value)) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private record LnbitsReply(int status, String body) {
    }
}
