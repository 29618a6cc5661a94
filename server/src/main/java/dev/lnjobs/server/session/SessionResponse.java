package dev.lnjobs.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lnjobs.api.session.SessionQueries.InvoiceView;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionQueries.TopUpView;
import dev.lnjobs.api.session.SessionState;

import java.time.Instant;

/**
 * What clients read about a session; field names follow the seed's examples. {@code invoice} is the deposit invoice
 * while it waits; {@code macaroon} is a fresh token while the session is usable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SessionResponse(String sessionId, SessionState state, long depositSats, long balanceSats, long reservedSats,
                       long minimumBalanceSats, String macaroon, Instant expiresAt, InvoiceResponse invoice,
                       TopUpResponse topUp, int requestCount, long debitedTotalSats, String expiryReason,
                       Instant createdAt, Instant updatedAt) {

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

    static SessionResponse of(SessionView view, String macaroon) {
        InvoiceResponse deposit = view.state() == SessionState.AWAITING_PAYMENT
                ? InvoiceResponse.of(view.depositInvoice()) : null;
        return new SessionResponse(view.sessionId(), view.state(), view.depositSats(), view.balanceSats(),
                view.reservedSats(), view.minimumBalanceSats(), macaroon, view.expiresAt(), deposit,
                TopUpResponse.of(view.sessionId(), view.topUp()), view.requestCount(), view.debitedTotalSats(),
                view.expiryReason(), view.createdAt(), view.updatedAt());
    }
}
