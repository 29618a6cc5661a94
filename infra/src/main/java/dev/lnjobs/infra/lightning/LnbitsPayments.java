package dev.lnjobs.infra.lightning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.api.lightning.PaymentHash;
import dev.lnjobs.infra.http.HttpClients;
import dev.lnjobs.infra.lightning.LnbitsHttp.Reply;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.OutgoingPayment;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Outgoing payments at LNbits. Its pay call ({@code POST /api/v1/payments}, {@code out: true}) takes no fee limit:
 * LNbits passes its own fee reserve to the funding source as the most routing may cost, so a payment is sent only
 * when {@code GET /api/v1/payments/fee-reserve} is within the caller's limit. Failure is read only from what LNbits
 * says of the payment: {@code status: "failed"} (its PaymentError answers 520 with a status) or a 400 refusal.
 */
final class LnbitsPayments {

    private static final Logger log = LoggerFactory.getLogger(LnbitsPayments.class);
    private static final long MSAT_PER_SAT = 1000;

    private final HttpUrl paymentsUrl;
    private final String invoiceKey;
    private final String adminKey;
    private final LnbitsHttp http;
    private final ObjectMapper json;

    LnbitsPayments(HttpUrl paymentsUrl, String invoiceKey, String adminKey, LnbitsHttp http, ObjectMapper json) {
        this.paymentsUrl = paymentsUrl;
        this.invoiceKey = invoiceKey;
        this.adminKey = adminKey;
        this.http = http;
        this.json = json;
    }

    /**
     * {@code GET /api/v1/payments/{hash}}: {"paid": true, ...}, {"paid": false, "status": "failed"|"pending"}.
     * Asked with the paying wallet's key: LNbits looks the hash up in the wallet of the key, and an invoice key of
     * another wallet would answer 404 for a payment in flight, which reads as "never sent".
     */
    OutgoingPayment check(String paymentHash) {
        String hash = PaymentHash.of(paymentHash).hex();
        Request request = new Request.Builder()
                .url(paymentsUrl.newBuilder().addPathSegment(hash).build())
                .header("X-Api-Key", adminKey)
                .get()
                .build();
        Reply reply = http.execute(request, "check payment");
        if (reply.status() == 404) {
            return OutgoingPayment.unknown();
        }
        JsonNode payment = http.successBody(reply, "check payment");
        JsonNode paid = payment.get("paid");
        if (paid == null || !paid.isBoolean()) {
            throw new LightningException("LNbits check payment answered no paid flag", false);
        }
        if (paid.booleanValue()) {
            return OutgoingPayment.settled(feeSats(payment.path("details")));
        }
        // without a status LNbits could not ask its funding source (it says only "paid": false): still open
        return "failed".equalsIgnoreCase(status(payment))
                ? OutgoingPayment.failed("LNbits reports the payment failed")
                : OutgoingPayment.inFlight();
    }

    OutgoingPayment pay(String bolt11, long maxFeeSats) {
        String expectedHash;
        try {
            expectedHash = Bolt11.decode(bolt11).paymentHash();
        } catch (IllegalArgumentException e) {
            return OutgoingPayment.failed("not sent: the invoice does not decode: " + e.getMessage());
        }
        long feeReserveMsat = feeReserveMsat(bolt11);
        if (feeReserveMsat > maxFeeSats * MSAT_PER_SAT) {
            return OutgoingPayment.failed("not sent: LNbits lets routing cost up to " + feeReserveMsat
                    + " msat, more than the limit of " + maxFeeSats + " sats");
        }
        Request request = new Request.Builder()
                .url(paymentsUrl)
                .header("X-Api-Key", adminKey)
                .post(HttpClients.jsonBody(json.createObjectNode().put("out", true).put("bolt11", bolt11)))
                .build();
        Reply reply = http.execute(request, "pay invoice");
        if (!reply.successful()) {
            return refusal(reply);
        }
        JsonNode sent = http.successBody(reply, "pay invoice");
        String paymentHash = LnbitsHttp.text(sent, "payment_hash");
        if (paymentHash == null || !paymentHash.equalsIgnoreCase(expectedHash)) {
            throw new LightningException("LNbits took the payment but answered payment_hash " + paymentHash
                    + " instead of " + expectedHash, false);
        }
        log.info("LNbits took payment {} (status {})", paymentHash, status(sent));
        return switch (status(sent)) {
            case "success" -> OutgoingPayment.settled(feeSats(sent));
            case "failed" -> OutgoingPayment.failed("LNbits answered the payment failed");
            default -> OutgoingPayment.inFlight();
        };
    }

    /** The fee reserve LNbits holds back and hands its funding source as the routing fee limit, in msat. */
    private long feeReserveMsat(String bolt11) {
        Request request = new Request.Builder()
                .url(paymentsUrl.newBuilder().addPathSegment("fee-reserve").addQueryParameter("invoice", bolt11)
                        .build())
                .header("X-Api-Key", invoiceKey)
                .get()
                .build();
        JsonNode reserve = http.successBody(http.execute(request, "fee reserve"), "fee reserve").get("fee_reserve");
        if (reserve == null || !reserve.canConvertToExactIntegral() || reserve.asLong() < 0) {
            throw new LightningException("LNbits fee reserve answered no fee_reserve in msat", false);
        }
        return reserve.asLong();
    }

    /** A non-2xx answer to the pay call: a failure only when LNbits says so, else uncertain (an exception). */
    private OutgoingPayment refusal(Reply reply) {
        JsonNode body = http.readOrNull(reply.body());
        String lnbitsStatus = body == null ? "" : body.path("status").asText("");
        String why = "LNbits pay invoice answered " + reply.status() + ": " + http.detail(reply.body());
        if (reply.status() == 400 || "failed".equalsIgnoreCase(lnbitsStatus)) {
            return OutgoingPayment.failed(why);
        }
        boolean transientFailure = reply.status() >= 500 || reply.status() == 408 || reply.status() == 429;
        throw new LightningException(why, transientFailure);
    }

    /** Outgoing payments carry their fate in status; answers of the check put it at the top or in details. */
    private static String status(JsonNode payment) {
        String top = payment.path("status").asText("");
        return (top.isEmpty() ? payment.path("details").path("status").asText("") : top).toLowerCase(Locale.ROOT);
    }

    /** LNbits keeps fees in msat, negative for money leaving the wallet. */
    private static Long feeSats(JsonNode payment) {
        JsonNode fee = payment.get("fee");
        if (fee == null || !fee.canConvertToExactIntegral()) {
            return null;
        }
        return (Math.abs(fee.asLong()) + MSAT_PER_SAT - 1) / MSAT_PER_SAT;
    }
}
