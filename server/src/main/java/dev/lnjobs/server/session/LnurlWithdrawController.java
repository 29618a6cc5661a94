package dev.lnjobs.server.session;

import dev.lnjobs.server.session.LnurlWithdrawService.LnurlLink;
import dev.lnjobs.server.session.LnurlWithdrawService.LnurlRefused;
import dev.lnjobs.server.session.LnurlWithdrawService.LnurlStatus;
import dev.lnjobs.server.session.LnurlWithdrawService.WithdrawRequest;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import dev.lnjobs.server.web.OpenApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * LNURL-withdraw (LUD-03) of a session's balance: the session's holder makes a link; any Lightning wallet then reads
 * its withdrawRequest and calls back with an invoice, with no other credential than the link's k1. LNURL errors are
 * HTTP 200 with {@code {"status":"ERROR","reason"}}, as wallets read them. The flow is {@link LnurlWithdrawService}'s.
 */
@RestController
class LnurlWithdrawController {

    private final LnurlWithdrawService lnurl;
    private final WithdrawalService withdrawals;
    private final SessionAuthentication authentication;

    LnurlWithdrawController(LnurlWithdrawService lnurl, WithdrawalService withdrawals,
                            SessionAuthentication authentication) {
        this.lnurl = lnurl;
        this.withdrawals = withdrawals;
        this.authentication = authentication;
    }

    @Operation(summary = "An LNURL-withdraw link (LUD-03) for the session's available balance (Bearer macaroon): "
            + "lnurl (bech32, upper case), qrUrl (its QR code), amountSats (min = max of the link), feeReserveSats "
            + "and expiresAt (LNURL_WITHDRAW_TTL_SECONDS). Nothing is escrowed until a wallet calls back with its "
            + "invoice; the link is refused as a withdrawal would be (409 withdrawal-already-requested)",
            security = @SecurityRequirement(name = OpenApiDocument.SESSION_MACAROON))
    @PostMapping(path = "/api/sessions/{sessionId}/withdraw/lnurl", produces = MediaType.APPLICATION_JSON_VALUE)
    LnurlLink link(@PathVariable String sessionId,
                   @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String id = Ids.uuid(sessionId, "session id");
        withdrawals.find(id).orElseThrow(() -> new NotFoundException("no session " + id));
        if (!authentication.holds(id, authorization)) {
            throw SessionTokenRejected.missing();
        }
        return lnurl.create(id, requestBase());
    }

    @Operation(summary = "LUD-03 withdrawRequest of a link (public; the path carries the link's k1): tag, callback, "
            + "k1, defaultDescription, minWithdrawable = maxWithdrawable (msat); an ERROR once used or expired")
    @GetMapping(path = "/api/lnurlw/{k1:[0-9a-f]{64}}", produces = MediaType.APPLICATION_JSON_VALUE)
    WithdrawRequest withdrawRequest(@PathVariable String k1) {
        return lnurl.withdrawRequest(k1, requestBase());
    }

    @Operation(summary = "LUD-03 callback (public): pays pr, a BOLT 11 invoice for exactly maxWithdrawable, checked "
            + "as a refund invoice is; {\"status\":\"OK\"} when the withdrawal is accepted (paid asynchronously), "
            + "else {\"status\":\"ERROR\",\"reason\"}. The k1 is single-use")
    @GetMapping(path = LnurlWithdrawService.CALLBACK, produces = MediaType.APPLICATION_JSON_VALUE)
    LnurlStatus callback(@RequestParam(required = false) String k1, @RequestParam(required = false) String pr) {
        return lnurl.callback(k1, pr);
    }

    @ExceptionHandler(LnurlRefused.class)
    ResponseEntity<LnurlStatus> refused(LnurlRefused refused) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(LnurlStatus.error(refused.getMessage()));
    }

    private static String requestBase() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
