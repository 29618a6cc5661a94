package dev.lnjobs.server.job;

import dev.lnjobs.server.job.RefundService.RefundClaim;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pays back what a completed job was overcharged, to a BOLT 11 invoice the client makes for exactly that; the flow
 * (the aggregate's figure, the invoice checks, the recorded intent) is {@link RefundService}'s.
 */
@RestController
class RefundController {

    private final RefundService refunds;

    RefundController(RefundService refunds) {
        this.refunds = refunds;
    }

    record RefundBody(String invoice) {
    }

    @Operation(summary = "Claim a job's refund with a BOLT 11 invoice for exactly refundAmountSats; "
            + "202 when accepted, 409 with the original refundPaymentHash when already claimed")
    @PostMapping(path = "/api/jobs/{jobId}/refund", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RefundClaim> refund(@PathVariable String jobId, @RequestBody RefundBody body) {
        String id = Ids.uuid(jobId, "job id");
        RefundClaim claim = refunds.claim(id, body == null ? null : body.invoice())
                .orElseThrow(() -> new NotFoundException("no job " + id));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(claim);
    }
}
