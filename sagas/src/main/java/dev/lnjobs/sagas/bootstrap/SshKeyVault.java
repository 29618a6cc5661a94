package dev.lnjobs.sagas.bootstrap;

import java.util.Optional;

/**
 * Holds a bootstrap's SSH private key between its generation and its single delivery. Outside the event store
 * on purpose: an append-only log cannot forget, this must.
 */
public interface SshKeyVault {

    /** Keeps the key for {@code bootstrapId}, replacing one a failed earlier attempt may have left. */
    void store(String bootstrapId, String privateKeyPem);

    /** Answers the key and forgets it, atomically: of any number of concurrent callers, exactly one gets it. */
    Optional<String> takeOnce(String bootstrapId);

    /** Forgets the key undelivered, for a bootstrap whose node will never exist. */
    void discard(String bootstrapId);
}
