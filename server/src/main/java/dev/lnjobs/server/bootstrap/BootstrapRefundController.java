package dev.lnjobs.server.bootstrap;

import dev.lnjobs.server.auth.AccessTokenCheck;
import dev.lnjobs.server.bootstrap.BootstrapRefundService.BootstrapRefundClaim;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import dev.lnjobs.server.web.OpenApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
 * Pays back the fee of a bootstrap whose provisioning failed after it was paid (or a payment that came after it
 * failed), to a BOLT 11 invoice the client makes for exactly that; the flow is {@link BootstrapRefundService}'s.
 */
@RestController
@ConditionalOnProperty(name = "lnjobs.bootstrap.enabled", havingValue = "true", matchIfMissing = true)
class BootstrapRefundController {

    private final BootstrapRefundService refunds;
    private final AccessTokenCheck accessTokens;

    BootstrapRefundController(BootstrapRefundService refunds, AccessTokenCheck accessTokens) {
        this.refunds = refunds;
        this.accessTokens = accessTokens;
    }

    record RefundBody(String invoice) {
    }

    @Operation(summary = "Claim a failed bootstrap's refund (refundAmountSats of its read) with a BOLT 11 invoice for "
            + "exactly that, with the bootstrap's accessToken as bearer token (401 without, 403 with another "
            + "bootstrap's); 202 when accepted, 409 with the original refundPaymentHash when already claimed or when "
            + "no refund is due, 400 naming the failed invoice check",
            security = @SecurityRequirement(name = OpenApiDocument.ACCESS_TOKEN))
    @PostMapping(path = "/api/bootstrap/{bootstrapJobId}/refund", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BootstrapRefundClaim> refund(@PathVariable String bootstrapJobId,
                                                @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                                String authorization,
                                                @RequestBody RefundBody body) {
        String id = Ids.uuid(bootstrapJobId, "bootstrap id");
        accessTokens.requireBootstrap(id, authorization);
        BootstrapRefundClaim claim = refunds.claim(id, body == null ? null : body.invoice())
                .orElseThrow(() -> new NotFoundException("no bootstrap " + id));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(claim);
    }
}
