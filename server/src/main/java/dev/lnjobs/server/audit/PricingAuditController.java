package dev.lnjobs.server.audit;

import dev.lnjobs.server.web.OpenApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The pricing audit on demand, for operators; guarded by ADMIN_TOKEN like every /api/admin route. */
@RestController
class PricingAuditController {

    private final EventStoreReader events;

    PricingAuditController(EventStoreReader events) {
        this.events = events;
    }

    @SecurityRequirement(name = OpenApiDocument.ADMIN_TOKEN)
    @Operation(summary = "Admin: replay the event store and re-derive every job's prices from its recorded inputs",
            description = "Needs Authorization: Bearer <ADMIN_TOKEN> (401 otherwise; 404 while ADMIN_TOKEN is "
                    + "unset). Answers jobs audited, events read and skipped, events per second and every "
                    + "figure that differs from the pricing policy's (the first 1000; mismatchCount counts all).")
    @GetMapping(path = "/api/admin/audit/pricing", produces = MediaType.APPLICATION_JSON_VALUE)
    PricingAuditResult pricing() {
        return events.auditPricing();
    }
}
