package dev.lnjobs.infra.macaroon;

import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;
import java.util.Objects;

/**
 * Judges one first-party caveat against the context of a request. A predicate only speaks for the
 * caveats it recognises (usually by prefix) and answers {@link Verdict#NOT_RECOGNISED} for the
 * rest, so several predicates can be combined in one {@link MacaroonVerifier}.
 */
@FunctionalInterface
public interface CaveatPredicate {

    Verdict evaluate(String caveat);

    /** Recognises exactly {@code expected} and accepts it: libmacaroons' "satisfy exact". */
    static CaveatPredicate exactly(String expected) {
        Objects.requireNonNull(expected, "expected");
        return caveat -> expected.equals(caveat) ? Verdict.SATISFIED : Verdict.NOT_RECOGNISED;
    }

    /**
     * What a predicate concluded about a caveat.
     *
     * @param violation {@code null} unless the caveat was recognised and does not hold
     * @param detail safe-to-log elaboration of the violation, or {@code null}
     */
    record Verdict(boolean recognised, Reason violation, String detail) {

        public static final Verdict SATISFIED = new Verdict(true, null, null);
        public static final Verdict NOT_RECOGNISED = new Verdict(false, null, null);

        public Verdict {
            if (!recognised && violation != null) {
                throw new IllegalArgumentException("an unrecognised caveat cannot be violated");
            }
        }

        public static Verdict violated(Reason reason, String detail) {
            return new Verdict(true, Objects.requireNonNull(reason, "reason"), detail);
        }

        public boolean satisfied() {
            return recognised && violation == null;
        }
    }
}
