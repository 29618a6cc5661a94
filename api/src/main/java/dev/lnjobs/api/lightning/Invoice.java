package dev.lnjobs.api.lightning;

import java.time.Instant;
import java.util.Objects;

/** A Lightning invoice this service issued: what the payer sees and what we check payment by. */
public record Invoice(String paymentHash, String paymentRequest, long amountSats, Instant expiresAt) {

    public Invoice {
        PaymentHash.of(paymentHash);
        Objects.requireNonNull(paymentRequest, "paymentRequest");
        if (amountSats <= 0) {
            throw new IllegalArgumentException("an invoice is for a positive amount, not " + amountSats);
        }
    }
}
