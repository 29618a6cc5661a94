package dev.lnjobs.server.admin;

import dev.lnjobs.query.admin.StuckItems;
import dev.lnjobs.query.admin.StuckItems.StuckItem;
import dev.lnjobs.server.web.OpenApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

/** What has not moved for longer than it should, for operators; guarded by ADMIN_TOKEN like every /api/admin route. */
@RestController
class StuckController {

    private final StuckItems stuck;
    private final Clock clock;

    StuckController(StuckItems stuck, Clock clock) {
        this.stuck = stuck;
        this.clock = clock;
    }

    record StuckAnswer(int count, List<StuckItem> items) {
    }

    @SecurityRequirement(name = OpenApiDocument.ADMIN_TOKEN)
    @Operation(summary = "Admin: jobs, session requests, sessions and bootstraps stuck in a state longer than it takes",
            description = "Needs Authorization: Bearer <ADMIN_TOKEN>. An unpaid invoice not expired 5 minutes after "
                    + "its expiry, a model step running for 15 minutes, a provisioning for 45: each points at a "
                    + "handler its processor keeps retrying (see /actuator/health) or at a lost deadline.")
    @GetMapping(path = "/api/admin/stuck", produces = MediaType.APPLICATION_JSON_VALUE)
    StuckAnswer stuck() {
        List<StuckItem> items = stuck.at(clock.instant());
        return new StuckAnswer(items.size(), items);
    }
}
