package dev.lnjobs.api.problem;

import org.axonframework.messaging.HandlerExecutionException;

import java.util.Map;
import java.util.Optional;

/**
 * A command or request the rules refuse. Its {@link ProblemType} names the refusal and its HTTP status; command
 * handlers' violations leave the handling node as the {@link Problem} in a {@code CommandExecutionException}'s
 * details, because Axon hands a remote caller only a message and those details.
 */
public abstract class RuleViolation extends RuntimeException {

    private final ProblemType type;

    protected RuleViolation(ProblemType type, String message) {
        super(message);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    /** Members of the answer beyond type, title, status and detail; none unless a violation carries figures. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    public Problem problem() {
        return new Problem(type.uri(), type.status(), type.title(), getMessage(), properties());
    }

    /**
     * The problem a failure stands for: a violation itself, or the details of a handler's exception that carried
     * one (the shape a violation has once a command bus, local or remote, translated it).
     */
    public static Optional<Problem> problemOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HandlerExecutionException handler
                    && handler.getDetails().orElse(null) instanceof Problem problem) {
                return Optional.of(problem);
            }
            if (t instanceof RuleViolation violation) {
                return Optional.of(violation.problem());
            }
        }
        return Optional.empty();
    }
}
