package dev.lnjobs.server.session;

import dev.lnjobs.api.session.WithdrawalQueries.WithdrawalView;
import dev.lnjobs.server.session.WithdrawalService.Withdrawal;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import dev.lnjobs.server.web.OpenApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Takes a session's balance out, to a BOLT 11 invoice or a Lightning Address, with the session's macaroon; an
 * expired session's holder may still withdraw (for SESSION_WITHDRAW_DAYS). The flow is {@link WithdrawalService}'s.
 */
@RestController
@RequestMapping(path = "/api/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
class WithdrawalController {

    private final WithdrawalService withdrawals;
    private final SessionAuthentication authentication;

    WithdrawalController(WithdrawalService withdrawals, SessionAuthentication authentication) {
        this.withdrawals = withdrawals;
        this.authentication = authentication;
    }

    record WithdrawBody(String invoice, String lightningAddress) {
    }

    @Operation(summary = "Withdraw the session's available balance (Bearer macaroon) less a fee reserve "
            + "(feeReserveSats: LIGHTNING_MAX_FEE_PERCENT of it, at least LIGHTNING_MAX_FEE_MIN_SATS), to a BOLT 11 "
            + "invoice for exactly that amount or to a Lightning Address; the session is then closed. 202 when "
            + "accepted; 409 withdrawal-already-requested naming the pending (or last) withdrawal; 400 "
            + "refund-invoice-rejected naming the failed check",
            security = @SecurityRequirement(name = OpenApiDocument.SESSION_MACAROON))
    @PostMapping(path = "/{sessionId}/withdraw", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Withdrawal> withdraw(@PathVariable String sessionId,
                                        @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                        String authorization,
                                        @RequestBody WithdrawBody body) {
        String id = holder(sessionId, authorization);
        Withdrawal withdrawal = withdrawals.withdraw(id, body == null ? null : body.invoice(),
                body == null ? null : body.lightningAddress());
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/sessions/" + id + "/withdrawal"))
                .body(withdrawal);
    }

    @Operation(summary = "The session's latest withdrawal (Bearer macaroon): pending, paid (with the routing fee "
            + "charged and the reserve returned to the balance) or failed (the escrow returned)",
            security = @SecurityRequirement(name = OpenApiDocument.SESSION_MACAROON))
    @GetMapping("/{sessionId}/withdrawal")
    WithdrawalView latest(@PathVariable String sessionId,
                          @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String id = holder(sessionId, authorization);
        return withdrawals.latest(id).orElseThrow(() -> new NotFoundException("session " + id + " has no withdrawal"));
    }

    /** The session id, once the request holds one of its macaroons; an expired session's holder is one too. */
    private String holder(String sessionId, String authorization) {
        String id = Ids.uuid(sessionId, "session id");
        withdrawals.find(id).orElseThrow(() -> new NotFoundException("no session " + id));
        if (!authentication.holds(id, authorization)) {
            throw SessionTokenRejected.missing();
        }
        return id;
    }
}
