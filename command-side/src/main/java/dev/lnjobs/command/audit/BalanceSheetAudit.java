package dev.lnjobs.command.audit;

import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRequested;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.JobSettled;
import dev.lnjobs.api.job.JobEvents.LatePaymentReceived;
import dev.lnjobs.api.job.JobEvents.PaidWorkRefund;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.session.SessionEvents.DepositPaid;
import dev.lnjobs.api.session.SessionEvents.RequestSettled;
import dev.lnjobs.api.session.SessionEvents.SessionCreated;
import dev.lnjobs.api.session.SessionEvents.TopUpPaid;
import dev.lnjobs.api.session.SessionEvents.WithdrawalFailed;
import dev.lnjobs.api.session.SessionEvents.WithdrawalPaid;
import dev.lnjobs.api.session.SessionEvents.WithdrawalRequested;
import dev.lnjobs.command.audit.BalanceSheetReport.Account;
import dev.lnjobs.command.audit.BalanceSheetReport.Totals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The balance sheet by replay: for every job, session and bootstrap, from its events alone, the sats paid in must
 * equal what was earned (the actual cost), refunded, withdrawn, and what is still owed (a refund due, a work payment
 * not yet settled, a session's balance and the escrow of its pending withdrawal, a bootstrap fee while its node is
 * provisioned; see {@link BootstrapLedger}). A withdrawal's payout and the routing fee it charged to its reserve count
 * as withdrawn. An account that does not add up is a mismatch: money kept that was neither earned nor owed, or paid
 * out twice.
 */
public final class BalanceSheetAudit {

    private final Map<String, Ledger> accounts = new LinkedHashMap<>();
    private long eventsRead;

    /** One account's running figures. */
    static final class Ledger {
        final String kind;
        long paidIn;
        long earned;
        long refunded;
        long withdrawn;
        long owed;
        /** A work payment waiting for its settlement: owed until the job settles or fails. */
        long held;
        /** A session's sats in the escrow of a pending withdrawal: owed, but not on its balance. */
        long escrow;
        /** The balance the session's own events state after each change; -1 before any. */
        long recordedBalance = -1;
        final List<String> problems = new ArrayList<>();

        Ledger(String kind) {
            this.kind = kind;
        }

        long owedInAll() {
            return owed + held;
        }
    }

    public void accept(String aggregateId, Object payload) {
        eventsRead++;
        if (payload instanceof JobCreated) {
            accounts.putIfAbsent(aggregateId, new Ledger("job"));
        } else if (payload instanceof SessionCreated) {
            accounts.putIfAbsent(aggregateId, new Ledger("session"));
        } else if (payload instanceof BootstrapRequested) {
            accounts.putIfAbsent(aggregateId, new Ledger("bootstrap"));
        }
        Ledger ledger = accounts.get(aggregateId);
        if (ledger == null) {
            return; // an aggregate that takes no money
        }
        if (ledger.kind.equals("job")) {
            job(ledger, payload);
        } else if (ledger.kind.equals("bootstrap")) {
            BootstrapLedger.accept(ledger, payload);
        } else {
            session(ledger, payload);
        }
    }

    private static void job(Ledger job, Object payload) {
        if (payload instanceof EvalInvoicePaid paid) {
            job.paidIn += paid.amountSats();
            job.earned += paid.amountSats(); // the evaluation is done once paid, whatever its verdict
        } else if (payload instanceof WorkInvoicePaid paid) {
            job.paidIn += paid.amountSats();
            job.held += paid.amountSats();
        } else if (payload instanceof JobSettled settled) {
            long work = settled.settlement().workAmountSats();
            if (work != job.held) {
                job.problems.add("settled a work amount of " + work + " sats while " + job.held + " were paid");
            }
            job.held = 0;
            job.earned += settled.settlement().actualAmountSats();
            job.owed += settled.settlement().refundAmountSats();
        } else if (payload instanceof RefundPaid paid) {
            job.refunded += paid.amountSats();
            job.owed -= paid.amountSats();
            if (job.owed < 0) {
                job.problems.add("refunded " + job.refunded + " sats, more than was due");
            }
        } else if (payload instanceof LatePaymentReceived late) {
            job.paidIn += late.amountSats(); // bought nothing: all of it owed back
            job.owed += late.refundAmountSats();
            if (late.refundAmountSats() != late.amountSats()) {
                job.problems.add("a late payment of " + late.amountSats() + " sats owes back "
                        + late.refundAmountSats());
            }
        } else if (payload instanceof JobFailed failed) {
            failed(job, failed);
        }
    }

    /** Paid work that failed for good owes its payment back whole; a failure that keeps it is a mismatch. */
    private static void failed(Ledger job, JobFailed failed) {
        PaidWorkRefund refund = failed.refund();
        if (refund != null) {
            if (refund.workAmountSats() != job.held || refund.refundAmountSats() != job.held) {
                job.problems.add("failed owing back " + refund.refundAmountSats() + " sats of a work payment of "
                        + refund.workAmountSats() + " while " + job.held + " were paid");
            }
            job.owed += refund.refundAmountSats();
            job.held = 0;
        } else if (job.held > 0) {
            job.problems.add("failed in " + failed.failedIn().wireName() + " keeping a work payment of " + job.held
                    + " sats that is neither earned nor owed");
            job.held = 0;
        }
    }

    private static void session(Ledger session, Object payload) {
        if (payload instanceof DepositPaid paid) {
            credit(session, paid.amountSats(), paid.balanceSats());
        } else if (payload instanceof TopUpPaid paid) {
            credit(session, paid.amountSats(), paid.balanceSats());
        } else if (payload instanceof RequestSettled settled) {
            session.earned += settled.debitedSats();
            session.owed -= settled.debitedSats();
            recorded(session, settled.balanceSats());
        } else if (payload instanceof WithdrawalRequested requested) {
            session.escrow += requested.availableSats();
            recorded(session, requested.balanceSats());
        } else if (payload instanceof WithdrawalPaid paid) {
            long spent = paid.amountSats() + paid.feeChargedSats();
            session.withdrawn += spent;
            session.owed -= spent;
            released(session, spent + paid.reserveReturnedSats(), paid.balanceSats());
        } else if (payload instanceof WithdrawalFailed failed) {
            released(session, failed.restoredSats(), failed.balanceSats());
        }
    }

    /** A withdrawal's outcome releases its escrow: paid out, or back on the balance. */
    private static void released(Ledger session, long escrowSats, long balanceAfter) {
        session.escrow -= escrowSats;
        if (session.escrow < 0) {
            session.problems.add("a withdrawal released " + escrowSats + " sats from an escrow that held "
                    + (session.escrow + escrowSats) + ": paid out twice");
        }
        recorded(session, balanceAfter);
    }

    private static void credit(Ledger session, long amountSats, long balanceAfter) {
        session.paidIn += amountSats;
        session.owed += amountSats;
        recorded(session, balanceAfter);
    }

    /** The balance an event states must be the one its account adds up to. */
    private static void recorded(Ledger session, long balanceSats) {
        session.recordedBalance = balanceSats;
        if (balanceSats != session.owed - session.escrow) {
            session.problems.add("an event states a balance of " + balanceSats + " sats where the account holds "
                    + (session.owed - session.escrow));
        }
    }

    /** An event that could not be read: its account cannot be trusted to add up. */
    public void unreadable(String aggregateId, String payloadType, String reason) {
        eventsRead++;
        accounts.computeIfAbsent(aggregateId, id -> new Ledger("unknown")).problems
                .add("an event of type " + payloadType + " could not be read: " + reason);
    }

    public BalanceSheetReport report() {
        long paidIn = 0;
        long earned = 0;
        long refunded = 0;
        long withdrawn = 0;
        long owed = 0;
        List<Account> mismatched = new ArrayList<>();
        for (Map.Entry<String, Ledger> entry : accounts.entrySet()) {
            Ledger ledger = entry.getValue();
            paidIn += ledger.paidIn;
            earned += ledger.earned;
            refunded += ledger.refunded;
            withdrawn += ledger.withdrawn;
            owed += ledger.owedInAll();
            long accounted = ledger.earned + ledger.refunded + ledger.withdrawn + ledger.owedInAll();
            List<String> problems = new ArrayList<>(ledger.problems);
            if (accounted != ledger.paidIn) {
                problems.add("paid in " + ledger.paidIn + " sats, accounted for " + accounted);
            }
            if (!problems.isEmpty()) {
                mismatched.add(new Account(ledger.kind, entry.getKey(), ledger.paidIn, ledger.earned,
                        ledger.refunded, ledger.withdrawn, ledger.owedInAll(), problems));
            }
        }
        return new BalanceSheetReport(mismatched.size(), accounts.size(), eventsRead,
                new Totals(paidIn, earned, refunded, withdrawn, owed), mismatched);
    }
}
