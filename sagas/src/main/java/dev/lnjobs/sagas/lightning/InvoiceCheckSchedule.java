package dev.lnjobs.sagas.lightning;

import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** When each unpaid invoice is next due for a check with the node; persistent, so it survives a restart. */
public interface InvoiceCheckSchedule {

    /** An invoice due for a check, with the back-off delay that scheduled this check (null before the first). */
    record DueCheck(IssuedInvoice invoice, Duration lastDelay) {
    }

    /** Unpaid invoices of owners still waiting whose check is due at {@code now}, the most overdue first. */
    List<DueCheck> due(Instant now, int limit);

    /** Sets the invoice's next check. */
    void scheduleNext(String paymentHash, Instant nextCheckAt, Duration delay);

    /** The invoice needs no more checks (paid, or its last check after its expiry is done). */
    void finished(String paymentHash);
}
