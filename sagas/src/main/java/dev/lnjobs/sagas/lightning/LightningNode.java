package dev.lnjobs.sagas.lightning;

import dev.lnjobs.api.lightning.Invoice;

import java.time.Duration;

/** What the domain needs of a Lightning wallet: issue invoices, learn whether they were paid, pay others. */
public interface LightningNode {

    Invoice createInvoice(long amountSats, String memo, Duration expiry);

    /** The state of an incoming or outgoing payment, by its hash; UNKNOWN when the node never saw the hash. */
    PaymentStatus checkPayment(String paymentHash);

    /** Pays a BOLT 11 invoice and answers the payment's hash; throws LightningException when the node refuses. */
    String payInvoice(String bolt11);

    enum PaymentStatus { PAID, PENDING, FAILED, UNKNOWN }
}
