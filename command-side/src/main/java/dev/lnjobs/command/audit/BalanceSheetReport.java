package dev.lnjobs.command.audit;

import java.util.List;

/**
 * What the balance-sheet audit found: the totals over every job and session, and each account whose sats do not add
 * up, with why. Clean when {@code mismatches} is 0.
 */
public record BalanceSheetReport(long mismatches, long accounts, long eventsRead, Totals totals,
                                 List<Account> details) {

    public BalanceSheetReport {
        details = List.copyOf(details);
    }

    public boolean clean() {
        return mismatches == 0;
    }

    /** paidIn = earned + refunded + withdrawn + owed when every account adds up. */
    public record Totals(long paidIn, long earned, long refunded, long withdrawn, long owed) {
    }

    /** One job's or session's figures, and what does not add up in them. */
    public record Account(String kind, String id, long paidIn, long earned, long refunded, long withdrawn, long owed,
                          List<String> problems) {

        public Account {
            problems = List.copyOf(problems);
        }
    }
}
