package dev.lnjobs.infra.ssh;

import dev.lnjobs.infra.ssh.SshKeyCipher.Sealed;
import dev.lnjobs.sagas.bootstrap.SshKeyVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link SshKeyVault} in the {@code ssh_private_key} table, each key sealed with {@link SshKeyCipher}. A key is
 * taken with {@code DELETE ... RETURNING}: PostgreSQL lets exactly one of concurrent deletes of a row return it, and
 * the delete is undone if the key fails to decrypt, so a wrong encryption key loses nothing.
 */
public final class JdbcSshKeyVault implements SshKeyVault {

    static final String DEVELOPMENT_KEY_NAME = "ssh-key-encryption-key";
    private static final Logger log = LoggerFactory.getLogger(JdbcSshKeyVault.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Supplier<SshKeyCipher> cipherSource;
    private final Clock clock;
    private volatile SshKeyCipher cipher;

    private JdbcSshKeyVault(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                            Supplier<SshKeyCipher> cipherSource, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.cipherSource = cipherSource;
        this.clock = clock;
    }

    /** With the operator's key (SSH_KEY_ENCRYPTION_KEY). */
    public static JdbcSshKeyVault withKey(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                          SshKeyCipher cipher, Clock clock) {
        return new JdbcSshKeyVault(jdbc, transactions, () -> cipher, clock);
    }

    /**
     * For development without SSH_KEY_ENCRYPTION_KEY: a random key kept in {@code bootstrap_secret}. It sits next to
     * the ciphertexts, so it protects against little more than a stray SELECT; production sets the variable.
     */
    public static JdbcSshKeyVault withDevelopmentKey(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                                     Clock clock) {
        TransactionTemplate own = new TransactionTemplate(transactions);
        // Its own transaction: the key must be stored even when the first use is in one that rolls back.
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        log.warn("SSH_KEY_ENCRYPTION_KEY is not set: SSH private keys are encrypted with a development key kept in "
                + "the database");
        return new JdbcSshKeyVault(jdbc, transactions, () -> own.execute(status -> developmentCipher(jdbc, clock)),
                clock);
    }

    private static SshKeyCipher developmentCipher(JdbcTemplate jdbc, Clock clock) {
        byte[] fresh = new byte[SshKeyCipher.KEY_BYTES];
        SecureRandom random = new SecureRandom();
        random.nextBytes(fresh);
        // Of two servers starting at once, the first insert wins and both read the winner.
        jdbc.update("INSERT INTO bootstrap_secret (name, secret, created_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (name) DO NOTHING", DEVELOPMENT_KEY_NAME, fresh, Timestamp.from(clock.instant()));
        byte[] key = jdbc.queryForObject("SELECT secret FROM bootstrap_secret WHERE name = ?", byte[].class,
                DEVELOPMENT_KEY_NAME);
        return new SshKeyCipher(key, random);
    }

    @Override
    public void store(String bootstrapId, String privateKeyPem) {
        Sealed sealed = cipher().seal(bootstrapId, privateKeyPem);
        jdbc.update("INSERT INTO ssh_private_key (bootstrap_id, nonce, ciphertext, stored_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (bootstrap_id) DO UPDATE SET nonce = EXCLUDED.nonce, "
                        + "ciphertext = EXCLUDED.ciphertext, stored_at = EXCLUDED.stored_at",
                bootstrapId, sealed.nonce(), sealed.ciphertext(), Timestamp.from(clock.instant()));
    }

    @Override
    public Optional<String> takeOnce(String bootstrapId) {
        SshKeyCipher opener = cipher();
        return transaction.execute(status -> {
            List<Sealed> taken = jdbc.query("DELETE FROM ssh_private_key WHERE bootstrap_id = ? "
                            + "RETURNING nonce, ciphertext",
                    (row, n) -> new Sealed(row.getBytes("nonce"), row.getBytes("ciphertext")), bootstrapId);
            if (taken.isEmpty()) {
                return Optional.empty();
            }
            String key = opener.open(bootstrapId, taken.get(0));
            log.info("Bootstrap {}: SSH private key delivered and deleted", bootstrapId);
            return Optional.of(key);
        });
    }

    @Override
    public void discard(String bootstrapId) {
        if (jdbc.update("DELETE FROM ssh_private_key WHERE bootstrap_id = ?", bootstrapId) > 0) {
            log.info("Bootstrap {}: undelivered SSH private key deleted", bootstrapId);
        }
    }

    private SshKeyCipher cipher() {
        SshKeyCipher current = cipher;
        if (current == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = cipherSource.get();
                }
                current = cipher;
            }
        }
        return current;
    }
}
