package dev.lnjobs.api.problem;

/**
 * Every kind of refusal a client may meet, with the HTTP status and title it answers with. The URI is the
 * problem's {@code type} (RFC 9457): stable, so a client can branch on it rather than on the title or detail.
 */
public enum ProblemType {
    NOT_ALLOWED_IN_STATE("not-allowed-in-state", 409, "Not allowed in this state"),
    REFUND_ALREADY_REQUESTED("refund-already-requested", 409, "Refund already requested"),
    REFUND_INVOICE_REJECTED("refund-invoice-rejected", 400, "Refund invoice rejected"),
    DEPOSIT_OUT_OF_RANGE("deposit-out-of-range", 400, "Invalid input"),
    INSUFFICIENT_BALANCE("insufficient-balance", 402, "Insufficient balance"),
    SESSION_EXPIRED("session-expired", 410, "Session expired"),
    REFUND_ADDRESS_REJECTED("refund-address-rejected", 400, "Invalid input"),
    WITHDRAWAL_ALREADY_REQUESTED("withdrawal-already-requested", 409, "Withdrawal already requested");

    /** Not meant to be dereferenced: a name, as RFC 9457 allows for types that have no page. */
    public static final String URI_PREFIX = "urn:lnjobs:problem:";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return URI_PREFIX + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
