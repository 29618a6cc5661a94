package dev.lnjobs.server.cli;

import dev.lnjobs.command.audit.BalanceSheetReport;
import dev.lnjobs.server.audit.EventStoreReader;

/**
 * {@code java -jar server.jar audit-ledger [--spring.property=value ...]}: the balance-sheet audit against the
 * server's database without starting the server, answering {@code {"mismatches", "totals", "details", ...}}. Exit
 * code: 0 every account adds up, 1 mismatches, 2 the store could not be read.
 */
final class LedgerAuditCommand extends ReplayAuditCommand<BalanceSheetReport> {

    public static final String NAME = "audit-ledger";

    LedgerAuditCommand() {
        super(EventStoreReader::auditLedger, BalanceSheetReport::clean);
    }

    @Override
    public String name() {
        return NAME;
    }
}
