package dev.lnjobs.command.audit;

import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapLatePaymentReceived;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundDue;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.NodeReady;

/**
 * A bootstrap's account: the fee paid is held while the node is provisioned, earned once it is ready, owed back
 * when provisioning fails after payment; a payment after the bootstrap failed is owed back whole. A claimed refund
 * stays owed until the node reports its payment settled, then it is refunded (a failed payment leaves it owed).
 */
final class BootstrapLedger {

    private BootstrapLedger() {
    }

    static void accept(BalanceSheetAudit.Ledger bootstrap, Object payload) {
        if (payload instanceof BootstrapPaid paid) {
            bootstrap.paidIn += paid.amountSats();
            bootstrap.held += paid.amountSats();
        } else if (payload instanceof NodeReady) {
            bootstrap.earned += bootstrap.held;
            bootstrap.held = 0;
        } else if (payload instanceof BootstrapRefundDue due) {
            if (due.paidSats() != bootstrap.held || due.refundAmountSats() != due.paidSats()) {
                bootstrap.problems.add("failed owing back " + due.refundAmountSats() + " sats of a fee of "
                        + due.paidSats() + " while " + bootstrap.held + " were paid");
            }
            bootstrap.owed += due.refundAmountSats();
            bootstrap.held = 0;
        } else if (payload instanceof BootstrapRefundPaid paid) {
            if (paid.amountSats() > bootstrap.owed) {
                bootstrap.problems.add("refunded " + paid.amountSats() + " sats while " + bootstrap.owed
                        + " were owed");
            }
            bootstrap.owed -= paid.amountSats();
            bootstrap.refunded += paid.amountSats();
        } else if (payload instanceof BootstrapLatePaymentReceived late) {
            bootstrap.paidIn += late.amountSats();
            bootstrap.owed += late.refundAmountSats();
            if (late.refundAmountSats() != late.amountSats()) {
                bootstrap.problems.add("a late payment of " + late.amountSats() + " sats owes back "
                        + late.refundAmountSats());
            }
        }
    }
}
