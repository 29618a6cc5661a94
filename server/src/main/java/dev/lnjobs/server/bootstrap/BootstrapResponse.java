package dev.lnjobs.server.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;
import dev.lnjobs.api.bootstrap.BootstrapQueries.InvoiceView;
import dev.lnjobs.api.bootstrap.BootstrapState;

import java.time.Instant;
import java.util.List;

/**
 * What clients read about a bootstrap; field names follow the seed. To the holder of its access token,
 * {@code credentials} appear once the node is ready, with {@code sshPrivateKey} on the first such read only (null
 * afterwards, explained by {@code sshKeyNote}); a reader without the token gets {@link #stateOnly}. {@code accessToken}
 * is in the creation answer only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BootstrapResponse(String bootstrapJobId, BootstrapState state, String nodeName, InvoiceResponse invoice,
                         String sshKeyFingerprint, Credentials credentials, String sshKeyNote, List<String> nextSteps,
                         String reason, List<String> cleanedUp, List<String> leftBehind, String message,
                         String accessToken, Instant createdAt, Instant updatedAt, Long refundAmountSats) {

    static final String KEY_SHOWN_NOW = "Save sshPrivateKey now: it is shown this once and has been deleted from "
            + "the server.";
    static final String KEY_GONE = "The SSH private key was delivered once, on the first read after the node became "
            + "ready, and deleted from the server; it cannot be shown again. Use the copy you saved.";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InvoiceResponse(String paymentRequest, long amountSats, String paymentHash, Instant expiresAt,
                           Boolean paid) {

        static InvoiceResponse of(InvoiceView view) {
            return view == null ? null : new InvoiceResponse(view.paymentRequest(), view.amountSats(),
                    view.paymentHash(), view.expiresAt(), view.paid());
        }
    }

    /** Always every field, null included: "sshPrivateKey": null is how a client learns the key is gone. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Credentials(String nodeIp, String tailscaleHostname, String lnbitsUrl, String sshPrivateKey) {
    }

    static final String TOKEN_NEEDED = "The node's credentials and next steps are shown only with the bootstrap's "
            + "accessToken as 'Authorization: Bearer <accessToken>'.";

    /** The creation answer: the invoice and the access token, shown this once. */
    static BootstrapResponse created(BootstrapView view, String message, String accessToken) {
        return new BootstrapResponse(view.bootstrapId(), view.state(), view.nodeName(),
                InvoiceResponse.of(view.invoice()), null, null, null, null, view.reason(), null, null, message,
                accessToken, view.createdAt(), view.updatedAt(), view.refundAmountSats());
    }

    /** For a reader without the token: the state and the invoice, never credentials nor the node's address. */
    static BootstrapResponse stateOnly(BootstrapView view, String message) {
        boolean ready = view.state() == BootstrapState.READY;
        return new BootstrapResponse(view.bootstrapId(), view.state(), view.nodeName(),
                InvoiceResponse.of(view.invoice()), null, null, ready ? TOKEN_NEEDED : null, null, view.reason(),
                null, null, message, null, view.createdAt(), view.updatedAt(), view.refundAmountSats());
    }

    /** The holder's view; {@code privateKey} is what the vault gave this read, if anything. */
    static BootstrapResponse of(BootstrapView view, String privateKey, String message) {
        boolean ready = view.state() == BootstrapState.READY;
        Credentials credentials = ready
                ? new Credentials(view.nodeIp(), view.tailscaleHostname(), view.lnbitsUrl(), privateKey) : null;
        String note = !ready ? null : privateKey != null ? KEY_SHOWN_NOW : KEY_GONE;
        return new BootstrapResponse(view.bootstrapId(), view.state(), view.nodeName(),
                InvoiceResponse.of(view.invoice()), view.sshKeyFingerprint(), credentials, note,
                ready ? NextSteps.of(view) : null, view.reason(), emptyAsNull(view.cleanedUp()),
                emptyAsNull(view.leftBehind()), message, null, view.createdAt(), view.updatedAt(),
                view.refundAmountSats());
    }

    private static List<String> emptyAsNull(List<String> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
