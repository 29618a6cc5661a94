package dev.lnjobs.server.audit;

import dev.lnjobs.command.audit.BalanceSheetReport;
import dev.lnjobs.server.web.OpenApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The balance-sheet audit on demand, for operators; guarded by ADMIN_TOKEN like every /api/admin route. */
@RestController
class LedgerAuditController {

    private final EventStoreReader events;

    LedgerAuditController(EventStoreReader events) {
        this.events = events;
    }

    @SecurityRequirement(name = OpenApiDocument.ADMIN_TOKEN)
    @Operation(summary = "Admin: replay the event store and check that every job's and session's sats add up",
            description = "Needs Authorization: Bearer <ADMIN_TOKEN>. For every job and session, from its events "
                    + "alone: paid in = earned (actual cost) + refunded + withdrawn + still owed (refunds due, "
                    + "work payments not yet settled, session balances). Answers the totals and each account that "
                    + "does not add up, with why.")
    @GetMapping(path = "/api/admin/audit/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
    BalanceSheetReport ledger() {
        return events.auditLedger();
    }
}
