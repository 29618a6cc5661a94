package dev.lnjobs.command.job;

import dev.lnjobs.api.job.JobCommands.RequestRefund;
import dev.lnjobs.api.job.JobEvents.AddressRefundDue;
import dev.lnjobs.api.job.JobRuleViolation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The job's rules for a refund paid to its refund address: due as soon as the job settles owing one, and for the
 * refund less a fee reserve; a claim by hand to an invoice keeps no reserve and pays the refund exactly, a claim by
 * hand to an address (the holder's choice, with the access token) keeps the reserve as the refund address does.
 */
final class AddressRefunds {

    private AddressRefunds() {
    }

    /** Called while the job settles: a refund owed to a job with an address is paid there, with no claim. */
    static void startIfAddressed(String jobId, String refundAddress, long refundDueSats) {
        if (refundAddress != null && refundDueSats > 0) {
            apply(new AddressRefundDue(jobId, refundAddress, refundDueSats));
        }
    }

    /** The invoice and the reserve kept back add up to the refund; only a payment to the address keeps one. */
    static void requireAmount(RequestRefund command, long due) {
        if (command.lightningAddress() == null) {
            if (command.amountSats() != due || command.feeReserveSats() != 0) {
                throw new JobRuleViolation("the refund invoice must be for exactly " + due + " sats");
            }
            return;
        }
        if (command.feeReserveSats() < 0 || command.amountSats() < 1
                || command.amountSats() + command.feeReserveSats() != due) {
            throw new JobRuleViolation("a refund to " + command.lightningAddress() + " pays " + due
                    + " sats less its fee reserve, not " + command.amountSats() + " with a reserve of "
                    + command.feeReserveSats());
        }
    }
}
