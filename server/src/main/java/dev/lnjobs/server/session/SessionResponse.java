package dev.lnjobs.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lnjobs.api.session.SessionQueries.InvoiceView;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionQueries.TopUpView;
import dev.lnjobs.api.session.SessionState;

import java.time.Instant;

/**
 * What clients read about a session; field names follow the seed's examples. {@code invoice} is the deposit invoice
 * while it waits. {@code macaroon} and {@code accessToken} (the same token) are in the creation answer and in the
 * answers to its holder; a reader without it gets {@link #stateOnly}: the state, the terms and the deposit invoice,
 * with the balance figures, the top-up, the request count and the refund address omitted (null, so absent from the
 * JSON). {@code refundAddress} is the Lightning Address the session was opened with.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SessionResponse(String sessionId, SessionState state, long depositSats, Long balanceSats, Long reservedSats,
                       long minimumBalanceSats, String macaroon, String accessToken, Instant expiresAt,
                       InvoiceResponse invoice, TopUpResponse topUp, Integer requestCount, Long debitedTotalSats,
                       String expiryReason, Instant createdAt, Instant updatedAt, String refundAddress) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InvoiceResponse(String paymentRequest, long amountSats, String paymentHash, Instant expiresAt,
                           boolean paid) {

        static InvoiceResponse of(InvoiceView view) {
            return view == null ? null : new InvoiceResponse(view.paymentRequest(), view.amountSats(),
                    view.paymentHash(), view.expiresAt(), view.paid());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TopUpResponse(String sessionId, String topUpId, long amountSats, InvoiceResponse invoice, String failure) {

        static TopUpResponse of(String sessionId, TopUpView view) {
            return view == null ? null : new TopUpResponse(sessionId, view.topUpId(), view.amountSats(),
                    InvoiceResponse.of(view.invoice()), view.failure());
        }
    }

    /** The full view, for the creator or a holder of the session's macaroon ({@code macaroon} may be null). */
    static SessionResponse of(SessionView view, String macaroon) {
        return new SessionResponse(view.sessionId(), view.state(), view.depositSats(), view.balanceSats(),
                view.reservedSats(), view.minimumBalanceSats(), macaroon, macaroon, view.expiresAt(), deposit(view),
                TopUpResponse.of(view.sessionId(), view.topUp()), view.requestCount(), view.debitedTotalSats(),
                view.expiryReason(), view.createdAt(), view.updatedAt(), view.refundAddress());
    }

    /** For a reader presenting no credential: no token, no balance, no top-up, no request count. */
    static SessionResponse stateOnly(SessionView view) {
        return new SessionResponse(view.sessionId(), view.state(), view.depositSats(), null, null,
                view.minimumBalanceSats(), null, null, view.expiresAt(), deposit(view), null, null, null,
                view.expiryReason(), view.createdAt(), view.updatedAt(), null);
    }

    private static InvoiceResponse deposit(SessionView view) {
        return view.state() == SessionState.AWAITING_PAYMENT ? InvoiceResponse.of(view.depositInvoice()) : null;
    }
}
