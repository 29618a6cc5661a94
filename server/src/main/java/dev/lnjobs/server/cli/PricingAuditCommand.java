package dev.lnjobs.server.cli;

import dev.lnjobs.server.audit.EventStoreReader;
import dev.lnjobs.server.audit.PricingAuditResult;

/**
 * {@code java -jar server.jar audit-pricing [--spring.property=value ...]}: the pricing audit against the
 * server's database without starting the server. Exit code: 0 no mismatches, 1 mismatches, 2 the store could not
 * be read.
 */
final class PricingAuditCommand extends ReplayAuditCommand<PricingAuditResult> {

    public static final String NAME = "audit-pricing";

    PricingAuditCommand() {
        super(EventStoreReader::auditPricing, result -> result.mismatchCount() == 0);
    }

    @Override
    public String name() {
        return NAME;
    }
}
