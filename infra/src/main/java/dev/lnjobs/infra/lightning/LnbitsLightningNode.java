package dev.lnjobs.infra.lightning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.lightning.PaymentHash;
import dev.lnjobs.infra.http.HttpClients;
import dev.lnjobs.infra.lightning.LnbitsHttp.Reply;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.lightning.OutgoingPayment;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A Lightning wallet on an LNbits instance, spoken to over its wallet REST API (/api/v1/payments). */
public class LnbitsLightningNode implements LightningNode {

    private static final Logger log = LoggerFactory.getLogger(LnbitsLightningNode.class);

    private final HttpUrl paymentsUrl;
    private final String invoiceKey;
    private final LnbitsHttp http;
    private final LnbitsPayments payments;
    private final ObjectMapper json;
    private final String webhookUrl;
    private final BitcoinNetwork network;
    private final Clock clock;

    /**
     * @param adminKey   needed only to pay; null or blank falls back to {@code invoiceKey}
     * @param webhookUrl where LNbits should POST paid invoices; null or blank for none
     * @param network    the chain the invoices LNbits issues must be on
     */
    public LnbitsLightningNode(String baseUrl, String invoiceKey, String adminKey, OkHttpClient http,
                               ObjectMapper json, String webhookUrl, BitcoinNetwork network, Clock clock) {
        this.paymentsUrl = HttpClients.endpoint(baseUrl, "api/v1/payments");
        this.invoiceKey = requireText(invoiceKey, "LNbits invoice key");
        this.json = Objects.requireNonNull(json, "json");
        this.http = new LnbitsHttp(http, json);
        this.payments = new LnbitsPayments(paymentsUrl, invoiceKey, isBlank(adminKey) ? invoiceKey : adminKey,
                this.http, json);
        this.webhookUrl = isBlank(webhookUrl) ? null : webhookUrl;
        this.network = Objects.requireNonNull(network, "network");
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
        Request request = new Request.Builder()
                .url(paymentsUrl)
                .header("X-Api-Key", invoiceKey)
                .post(HttpClients.jsonBody(body))
                .build();
        JsonNode created = http.successBody(http.execute(request, "create invoice"), "create invoice");
        String paymentHash = LnbitsHttp.text(created, "payment_hash");
        String paymentRequest = LnbitsHttp.text(created, "payment_request");
        if (paymentRequest == null) {
            paymentRequest = LnbitsHttp.text(created, "bolt11");
        }
        if (paymentHash == null || paymentRequest == null) {
            throw new LightningException("LNbits created an invoice without payment_hash or payment_request", false);
        }
        requireInvoiceAsAsked(paymentRequest, paymentHash, amountSats);
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

    /** What gets recorded and shown to the payer is what LNbits wrote into the invoice, not what it said beside. */
    private void requireInvoiceAsAsked(String paymentRequest, String paymentHash, long amountSats) {
        Bolt11Invoice decoded;
        try {
            decoded = Bolt11.decode(paymentRequest);
        } catch (IllegalArgumentException e) {
            throw new LightningException("LNbits answered a payment request that does not decode: "
                    + e.getMessage(), false, e);
        }
        String mismatch = null;
        if (decoded.network() != network) {
            mismatch = "is on " + decoded.network() + ", not " + network;
        } else if (!decoded.hasAmount() || decoded.amountMsat() != amountSats * 1000) {
            mismatch = "asks for " + decoded.amountMsat() + " msat, not " + amountSats * 1000;
        } else if (!decoded.paymentHash().equalsIgnoreCase(paymentHash)) {
            mismatch = "has payment hash " + decoded.paymentHash() + ", not the " + paymentHash + " LNbits named";
        }
        if (mismatch != null) {
            throw new LightningException("LNbits answered an invoice that " + mismatch, false);
        }
    }

    @Override
    public PaymentStatus checkPayment(String paymentHash) {
        String hash = PaymentHash.of(paymentHash).hex();
        Request request = new Request.Builder()
                .url(paymentsUrl.newBuilder().addPathSegment(hash).build())
                .header("X-Api-Key", invoiceKey)
                .get()
                .build();
        Reply reply = http.execute(request, "check payment");
        if (reply.status() == 404) {
            return PaymentStatus.UNKNOWN;
        }
        JsonNode payment = http.successBody(reply, "check payment");
        if (payment.path("paid").asBoolean(false)) {
            return PaymentStatus.PAID;
        }
        // outgoing payments carry their fate in details.status; some versions also put it at the top level
        String status = payment.path("details").path("status").asText(payment.path("status").asText(""));
        return "failed".equalsIgnoreCase(status) ? PaymentStatus.FAILED : PaymentStatus.PENDING;
    }

    @Override
    public OutgoingPayment checkOutgoingPayment(String paymentHash) {
        return payments.check(paymentHash);
    }

    @Override
    public OutgoingPayment payInvoice(String bolt11, long maxFeeSats) {
        return payments.pay(requireText(bolt11, "bolt11"), maxFeeSats);
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
}
