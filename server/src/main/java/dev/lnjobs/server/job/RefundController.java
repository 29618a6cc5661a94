package dev.lnjobs.server.job;

import dev.lnjobs.server.job.RefundService.RefundClaim;
import dev.lnjobs.server.auth.AccessTokenCheck;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import dev.lnjobs.server.web.OpenApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pays back what a completed job was overcharged, to a BOLT 11 invoice the client makes for exactly that; the flow
 * (the aggregate's figure, the invoice checks, the recorded intent) is {@link RefundService}'s.
 */
@RestController
class RefundController {

    private final RefundService refunds;
    private final AccessTokenCheck accessTokens;

    RefundController(RefundService refunds, AccessTokenCheck accessTokens) {
        this.refunds = refunds;
        this.accessTokens = accessTokens;
    }

    record RefundBody(String invoice, String lightningAddress) {
    }

    @Operation(summary = "Claim a job's refund with a BOLT 11 invoice for exactly refundAmountSats, or with a "
            + "lightningAddress (paid refundAmountSats less feeReserveSats, kept back for routing), with the job's "
            + "accessToken as bearer token (401 without, 403 with another job's); 202 when accepted, 409 with the "
            + "original refundPaymentHash when already claimed. A refund is due after a completed job's settlement, "
            + "after paid work failed for good (the work amount), or for a payment that arrived after the job ended",
            security = @SecurityRequirement(name = OpenApiDocument.ACCESS_TOKEN))
    @PostMapping(path = "/api/jobs/{jobId}/refund", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RefundClaim> refund(@PathVariable String jobId,
                                       @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                       String authorization,
                                       @RequestBody RefundBody body) {
        String id = Ids.uuid(jobId, "job id");
        accessTokens.requireJob(id, authorization);
        boolean toAddress = body != null && body.lightningAddress() != null;
        if (toAddress && body.invoice() != null) {
            throw new IllegalArgumentException("give either invoice or lightningAddress, not both");
        }
        RefundClaim claim = (toAddress ? refunds.claimToAddress(id, body.lightningAddress())
                : refunds.claim(id, body == null ? null : body.invoice()))
                .orElseThrow(() -> new NotFoundException("no job " + id));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(claim);
    }
}
