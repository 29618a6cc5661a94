package dev.lnjobs.infra.macaroon;

import dev.lnjobs.infra.macaroon.CaveatPredicate.Verdict;
import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * Checks a macaroon against a root key and the current request's context, in this order:
 *
 * <ol>
 *   <li>The signature is recomputed from the root key over the identifier and every caveat and
 *       compared in constant time ({@link MessageDigest#isEqual}); a mismatch is
 *       {@link Reason#BAD_SIGNATURE}. This comes first so that nothing the token claims is trusted,
 *       or even reported back, before we know we issued it (possibly attenuated by its holder).</li>
 *   <li>Each caveat, oldest first, goes to the predicates in order; the first that recognises it
 *       decides. A violated caveat rejects with the reason its predicate gives; a caveat no predicate
 *       recognises is {@link Reason#UNKNOWN_CAVEAT}, because caveats only ever restrict, so ignoring
 *       one would widen the token beyond what its issuer or holder intended.</li>
 * </ol>
 *
 * The service's own caveats ({@code session_id = <uuid>}, {@code expires < <ISO-8601 instant>}) and
 * their predicates are defined in {@link SessionCaveats}. A verifier holds no key, so one instance
 * built per request is cheap and carries no secret.
 */
public final class MacaroonVerifier {

    private final List<CaveatPredicate> predicates;

    public MacaroonVerifier(List<CaveatPredicate> predicates) {
        this.predicates = List.copyOf(predicates);
    }

    public static MacaroonVerifier of(CaveatPredicate... predicates) {
        return new MacaroonVerifier(List.of(predicates));
    }

    /**
     * Returns normally if the macaroon was minted with {@code rootKey} and all its caveats hold.
     *
     * @throws MacaroonRejectedException with the reason of the first failed check
     */
    public void verify(Macaroon macaroon, byte[] rootKey) {
        Objects.requireNonNull(macaroon, "macaroon");
        Objects.requireNonNull(rootKey, "rootKey");
        byte[] expected = Macaroon.signatureOf(rootKey, macaroon.identifier(), macaroon.caveats());
        if (!MessageDigest.isEqual(expected, macaroon.signature())) {
            throw new MacaroonRejectedException(Reason.BAD_SIGNATURE);
        }
        for (String caveat : macaroon.caveats()) {
            Verdict verdict = judge(caveat);
            if (!verdict.recognised()) {
                throw new MacaroonRejectedException(Reason.UNKNOWN_CAVEAT);
            }
            if (verdict.violation() != null) {
                throw new MacaroonRejectedException(verdict.violation(), verdict.detail());
            }
        }
    }

    private Verdict judge(String caveat) {
        for (CaveatPredicate predicate : predicates) {
            Verdict verdict = predicate.evaluate(caveat);
            if (verdict != null && verdict.recognised()) {
                return verdict;
            }
        }
        return Verdict.NOT_RECOGNISED;
    }
}
