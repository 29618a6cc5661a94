package dev.lnjobs.server.job;

import dev.lnjobs.api.job.JobCommands.RequestRefund;
import dev.lnjobs.api.job.JobQueries.CostLedgerView;
import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.api.job.RefundAlreadyRequested;
import dev.lnjobs.api.job.RefundState;
import dev.lnjobs.api.lightning.InvoiceQueries.FindInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.infra.lightning.RefundInvoiceVerifier;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/** Pays back what a completed job was overcharged, to a BOLT 11 invoice the client makes for exactly that. */
@RestController
class RefundController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final JobReads reads;
    private final RefundInvoiceVerifier verifier;
    private final Clock clock;

    RefundController(CommandGateway commands, QueryGateway queries, JobReads reads, RefundInvoiceVerifier verifier,
                     Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.reads = reads;
        this.verifier = verifier;
        this.clock = clock;
    }

    record RefundBody(String invoice) {
    }

    record RefundResponse(String jobId, RefundState refundState, long refundAmountSats, String refundPaymentHash) {
    }

    @Operation(summary = "Claim a job's refund with a BOLT 11 invoice for exactly refundAmountSats; "
            + "202 when accepted, 409 with the original refundPaymentHash when already claimed")
    @PostMapping(path = "/api/jobs/{jobId}/refund", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RefundResponse> refund(@PathVariable String jobId, @RequestBody RefundBody body) {
        String id = Ids.uuid(jobId, "job id");
        CostLedgerView ledger = reads.find(id).orElseThrow(() -> new NotFoundException("no job " + id)).ledger();
        if (ledger == null || ledger.refundState() == null) {
            throw new JobRuleViolation("job " + id + " is not settled yet; no refund is due");
        }
        if (ledger.refundPaymentHash() != null && ledger.refundState() != RefundState.FAILED) {
            throw new RefundAlreadyRequested(id, ledger.refundPaymentHash());
        }
        if (ledger.refundState() == RefundState.NOT_DUE) {
            throw new JobRuleViolation("no refund is due for job " + id + ": it cost what was paid");
        }
        Bolt11Invoice invoice = verifier.verify(body == null ? null : body.invoice(), ledger.refundAmountSats(),
                this::issuedByUs);
        commands.sendAndWait(new RequestRefund(id, invoice.paymentRequest(), invoice.paymentHash(),
                ledger.refundAmountSats(), clock.instant()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RefundResponse(id, RefundState.PENDING,
                ledger.refundAmountSats(), invoice.paymentHash()));
    }

    private boolean issuedByUs(String paymentHash) {
        return queries.query(new FindInvoice(paymentHash), ResponseTypes.instanceOf(IssuedInvoice.class))
                .join() != null;
    }
}
