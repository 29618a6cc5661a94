package dev.lnjobs.command.session;

import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.session.SessionRuleViolation;
import dev.lnjobs.api.session.SessionEvents.TopUpFailed;
import dev.lnjobs.api.session.SessionEvents.TopUpInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.TopUpPaid;
import dev.lnjobs.api.session.SessionEvents.TopUpRequested;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The top-ups of a {@link Session}, as its events left them: each asked for, then invoiced or failed, then paid.
 * Only the session's event sourcing handlers change it.
 */
final class TopUps {

    /** A top-up as the aggregate tracks it. */
    record TopUp(long amountSats, Invoice invoice, boolean paid, boolean failed) {
    }

    private final Map<String, TopUp> byId = new HashMap<>();

    boolean contains(String topUpId) {
        return byId.containsKey(topUpId);
    }

    /** The top-up, or null when the session has none of that id. */
    TopUp get(String topUpId) {
        return byId.get(topUpId);
    }

    /** The top-up, which a command about it needs to exist. */
    TopUp require(String topUpId, String sessionId) {
        TopUp topUp = byId.get(topUpId);
        if (topUp == null) {
            throw new SessionRuleViolation("no top-up " + topUpId + " on session " + sessionId);
        }
        return topUp;
    }

    /** The id of the top-up whose invoice has this payment hash. */
    Optional<String> invoicedWith(String paymentHash) {
        return byId.entrySet().stream()
                .filter(entry -> entry.getValue().invoice() != null
                        && entry.getValue().invoice().paymentHash().equals(paymentHash))
                .map(Map.Entry::getKey).findFirst();
    }

    void on(TopUpRequested event) {
        byId.put(event.topUpId(), new TopUp(event.amountSats(), null, false, false));
    }

    void on(TopUpInvoiceIssued event) {
        byId.put(event.topUpId(), new TopUp(byId.get(event.topUpId()).amountSats(), event.invoice(), false, false));
    }

    void on(TopUpFailed event) {
        byId.put(event.topUpId(), new TopUp(byId.get(event.topUpId()).amountSats(), null, false, true));
    }

    void on(TopUpPaid event) {
        TopUp topUp = byId.get(event.topUpId());
        byId.put(event.topUpId(), new TopUp(topUp.amountSats(), topUp.invoice(), true, false));
    }
}
