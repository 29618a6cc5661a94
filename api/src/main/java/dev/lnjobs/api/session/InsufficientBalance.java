package dev.lnjobs.api.session;

import dev.lnjobs.api.problem.ProblemType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the session cannot fund: its unreserved balance is below the request's estimate, or the session is
 * paused. Carries the figures so the client can tell how much to top up.
 */
public class InsufficientBalance extends SessionRuleViolation {

    private final String sessionId;
    private final long balanceSats;
    private final long reservedSats;
    private final long requiredSats;
    private final long minimumBalanceSats;

    public InsufficientBalance(String sessionId, boolean paused, long balanceSats, long reservedSats,
                               long requiredSats, long minimumBalanceSats) {
        super(ProblemType.INSUFFICIENT_BALANCE, paused
                ? "session " + sessionId + " is paused: its balance of " + balanceSats
                        + " sats is below the minimum of " + minimumBalanceSats + "; top it up to continue"
                : "this request needs " + requiredSats + " sats reserved but only " + (balanceSats - reservedSats)
                        + " of the balance of " + balanceSats + " sats are free; top up to continue");
        this.sessionId = sessionId;
        this.balanceSats = balanceSats;
        this.reservedSats = reservedSats;
        this.requiredSats = requiredSats;
        this.minimumBalanceSats = minimumBalanceSats;
    }

    public String sessionId() {
        return sessionId;
    }

    public long balanceSats() {
        return balanceSats;
    }

    public long reservedSats() {
        return reservedSats;
    }

    public long requiredSats() {
        return requiredSats;
    }

    public long minimumBalanceSats() {
        return minimumBalanceSats;
    }

    /** The route that fixes it, and the figures that say by how much. */
    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("topup", "/api/sessions/" + sessionId + "/topup");
        properties.put("balanceSats", balanceSats);
        properties.put("reservedSats", reservedSats);
        properties.put("requiredSats", requiredSats);
        properties.put("minimumBalanceSats", minimumBalanceSats);
        return properties;
    }
}
