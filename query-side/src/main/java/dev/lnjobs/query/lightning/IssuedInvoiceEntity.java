package dev.lnjobs.query.lightning;

import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.Purpose;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Every invoice this service issued, what it pays for, and whether it still waits for a payment. */
@Entity
@Table(name = "issued_invoice")
class IssuedInvoiceEntity {

    @Id
    @Column(name = "payment_hash")
    String paymentHash;
    @Enumerated(EnumType.STRING)
    Purpose purpose;
    String ownerId;
    long amountSats;
    Instant issuedAt;
    Instant expiresAt;
    boolean paid;
    /** The owner no longer waits for this payment (rejected, failed, expired). */
    boolean closed;

    static IssuedInvoiceEntity of(Invoice invoice, Purpose purpose, String ownerId, Instant issuedAt) {
        IssuedInvoiceEntity entity = new IssuedInvoiceEntity();
        entity.paymentHash = invoice.paymentHash();
        entity.purpose = purpose;
        entity.ownerId = ownerId;
        entity.amountSats = invoice.amountSats();
        entity.issuedAt = issuedAt;
        entity.expiresAt = invoice.expiresAt();
        return entity;
    }

    IssuedInvoice toView() {
        return new IssuedInvoice(paymentHash, purpose, ownerId, amountSats, expiresAt, paid);
    }
}
