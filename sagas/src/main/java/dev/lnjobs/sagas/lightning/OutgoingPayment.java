package dev.lnjobs.sagas.lightning;

import java.util.Objects;

/**
 * What the node reports of one outgoing payment: settled (with the routing fee it cost, when known), in flight,
 * failed (with the node's reason), or unknown (the node holds no payment for the hash, so nothing was sent).
 */
public record OutgoingPayment(State state, String reason, Long feeSats) {

    public enum State { SETTLED, IN_FLIGHT, FAILED, UNKNOWN }

    public OutgoingPayment {
        Objects.requireNonNull(state, "state");
        if (state == State.FAILED && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a failed payment carries the node's reason");
        }
    }

    public static OutgoingPayment settled(Long feeSats) {
        return new OutgoingPayment(State.SETTLED, null, feeSats);
    }

    public static OutgoingPayment inFlight() {
        return new OutgoingPayment(State.IN_FLIGHT, null, null);
    }

    public static OutgoingPayment failed(String reason) {
        return new OutgoingPayment(State.FAILED, reason, null);
    }

    public static OutgoingPayment unknown() {
        return new OutgoingPayment(State.UNKNOWN, null, null);
    }
}
