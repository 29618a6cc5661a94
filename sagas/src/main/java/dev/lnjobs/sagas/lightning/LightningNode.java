package dev.lnjobs.sagas.lightning;

import dev.lnjobs.api.lightning.Invoice;

import java.time.Duration;

/** What the domain needs of a Lightning wallet: issue invoices, learn whether they were paid, pay others. */
public interface LightningNode {

    Invoice createInvoice(long amountSats, String memo, Duration expiry);

    /** The state of an incoming or outgoing payment, by its hash; UNKNOWN when the node never saw the hash. */
    PaymentStatus checkPayment(String paymentHash);

    /**
     * What the node reports of the outgoing payment with this hash. Throws LightningException whenever the answer
     * says nothing certain (unreachable, refused credentials, an unreadable body): never read that as a failure.
     */
    OutgoingPayment checkOutgoingPayment(String paymentHash);

    /**
     * Sends one payment of a BOLT 11 invoice, never more (no automatic retry), refusing to pay when the routing
     * fee could exceed {@code maxFeeSats}. Answers SETTLED or IN_FLIGHT when the node took the payment and FAILED
     * only when it reported that it did not pay (or it was not sent for the fee limit); throws LightningException
     * when the answer is uncertain: the payment may then be in flight, so look it up by hash before paying again.
     */
    OutgoingPayment payInvoice(String bolt11, long maxFeeSats);

    enum PaymentStatus { PAID, PENDING, FAILED, UNKNOWN }
}
