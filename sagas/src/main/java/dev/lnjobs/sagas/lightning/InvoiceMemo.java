package dev.lnjobs.sagas.lightning;

/**
 * What an invoice says it is for. A memo is read by whoever sees the QR code, the payer's wallet, a custodian and
 * the node's admin, so it names the kind of payment only: never a job, session or bootstrap id, nor anything else
 * that grants access. The payment hash is the link from an invoice to what it pays for.
 */
public enum InvoiceMemo {
    EVALUATION("AI job: evaluation fee"),
    WORK("AI job: work"),
    DEPOSIT("AI session: deposit"),
    TOP_UP("AI session: top-up"),
    BOOTSTRAP("Bitcoin node bootstrap");

    private final String text;

    InvoiceMemo(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
