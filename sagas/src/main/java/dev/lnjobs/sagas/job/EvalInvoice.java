package dev.lnjobs.sagas.job;

import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.sagas.lightning.InvoiceMemo;
import dev.lnjobs.sagas.lightning.LightningNode;

/**
 * What a job's evaluation invoice is: the tariff's fee, the evaluation memo (which names no id) and the flow's
 * invoice expiry. The creation makes it (the server's JobService); {@link JobPaymentSaga} makes it only when the
 * node failed then. One place, so both make the same invoice.
 */
public final class EvalInvoice {

    private EvalInvoice() {
    }

    /** Asks the node for the invoice; its failures are the port's (LightningException). */
    public static Invoice make(LightningNode node, long feeSats, JobFlowSettings settings) {
        return node.createInvoice(feeSats, InvoiceMemo.EVALUATION.text(), settings.invoiceExpiry());
    }
}
