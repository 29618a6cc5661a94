package dev.lnjobs.server.admin;

import dev.lnjobs.query.admin.AdminOverview;
import dev.lnjobs.query.admin.AdminOverview.Bucket;
import dev.lnjobs.query.admin.AdminOverview.Overview;
import dev.lnjobs.server.health.EventProcessorsHealthIndicator;
import dev.lnjobs.server.web.OpenApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.boot.actuate.health.Health;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Map;

/** The operator's dashboard figures and this node's event processors; guarded by ADMIN_TOKEN (AdminAccess). */
@RestController
class AdminOverviewController {

    static final int MAX_BUCKETS = 90;

    private final AdminOverview overview;
    private final EventProcessorsHealthIndicator processors;
    private final Clock clock;

    AdminOverviewController(AdminOverview overview, EventProcessorsHealthIndicator processors, Clock clock) {
        this.overview = overview;
        this.processors = processors;
        this.clock = clock;
    }

    record ProcessorsAnswer(String status, Map<String, Object> processors) {
    }

    @SecurityRequirement(name = OpenApiDocument.ADMIN_TOKEN)
    @Operation(summary = "Admin: jobs by state, refunds due, paying, paid and failed, session balances, and revenue "
            + "against model and infra cost per hour or day",
            description = "Needs Authorization: Bearer <ADMIN_TOKEN>. bucket is hour or day (default day); buckets "
                    + "1 to " + MAX_BUCKETS + " (default 14). Costs are converted to sats at the BTC price each job "
                    + "or session request recorded; revenue is what was earned (actual cost charged and paid "
                    + "evaluation fees), not what was paid in.")
    @GetMapping(path = "/api/admin/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    Overview overview(@RequestParam(defaultValue = "day") String bucket,
                      @RequestParam(defaultValue = "14") String buckets) {
        return overview.at(clock.instant(), bucket(bucket), count(buckets));
    }

    @SecurityRequirement(name = OpenApiDocument.ADMIN_TOKEN)
    @Operation(summary = "Admin: this node's event processors (running, error, claimed segments, caught up)",
            description = "Needs Authorization: Bearer <ADMIN_TOKEN>. The same figures as eventProcessors in "
                    + "/actuator/health, which answers on the management port only.")
    @GetMapping(path = "/api/admin/processors", produces = MediaType.APPLICATION_JSON_VALUE)
    ProcessorsAnswer processors() {
        Health health = processors.health();
        return new ProcessorsAnswer(health.getStatus().getCode(), health.getDetails());
    }

    private static Bucket bucket(String value) {
        return switch (value) {
            case "hour" -> Bucket.HOUR;
            case "day" -> Bucket.DAY;
            default -> throw new IllegalArgumentException("bucket must be hour or day");
        };
    }

    private static int count(String value) {
        if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_BUCKETS) {
            throw new IllegalArgumentException("buckets must be a whole number from 1 to " + MAX_BUCKETS);
        }
        return Integer.parseInt(value);
    }
}
