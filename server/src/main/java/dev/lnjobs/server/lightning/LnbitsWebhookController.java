package dev.lnjobs.server.lightning;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lnjobs.sagas.lightning.PaymentNotices;
import dev.lnjobs.server.web.Ids;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * LNbits calls this when an invoice is paid. The call is unauthenticated, so its body is only a hint: the
 * payment is re-checked with LNbits before anything is believed, and a replay changes nothing.
 */
@RestController
class LnbitsWebhookController {

    private final PaymentNotices notices;

    LnbitsWebhookController(PaymentNotices notices) {
        this.notices = notices;
    }

    record WebhookBody(@JsonProperty("payment_hash") String paymentHash) {
    }

    record WebhookResponse(String paymentHash, PaymentNotices.Outcome outcome) {
    }

    @Operation(summary = "LNbits payment webhook; the payment is verified with LNbits before it counts")
    @PostMapping(path = "/api/lightning/webhook", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookResponse paid(@RequestBody WebhookBody body) {
        String hash = Ids.paymentHash(body == null ? null : body.paymentHash());
        return new WebhookResponse(hash, notices.recheck(hash));
    }
}
