package dev.lnjobs.server.config;

import dev.lnjobs.infra.macaroon.SessionMacaroons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * The secret session macaroons are signed with: MACAROON_ROOT_KEY when set; otherwise, outside production, a key
 * generated once and kept in {@code server_secret} so tokens survive a restart. Never logged, never in a message.
 */
final class MacaroonRootKey {

    private static final Logger log = LoggerFactory.getLogger(MacaroonRootKey.class);
    static final String SECRET_NAME = "macaroon_root_key";

    private MacaroonRootKey() {
    }

    static byte[] load(String configuredHex, boolean production, JdbcTemplate jdbc, Clock clock) {
        if (configuredHex != null && !configuredHex.isBlank()) {
            return parse(configuredHex.strip());
        }
        if (production) {
            throw new IllegalStateException("MACAROON_ROOT_KEY must be set in production (at least "
                    + SessionMacaroons.MIN_ROOT_KEY_BYTES * 2 + " hex characters)");
        }
        byte[] generated = new byte[SessionMacaroons.MIN_ROOT_KEY_BYTES];
        new SecureRandom().nextBytes(generated);
        // Whichever node inserts first wins; every node then signs with the stored key.
        jdbc.update("INSERT INTO server_secret (name, secret, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (name) DO NOTHING",
                SECRET_NAME, generated, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        byte[] stored = jdbc.queryForObject("SELECT secret FROM server_secret WHERE name = ?", byte[].class,
                SECRET_NAME);
        log.warn("MACAROON_ROOT_KEY is not set: session tokens are signed with a development key kept in the "
                + "server_secret table. Set MACAROON_ROOT_KEY (at least {} hex characters) for production.",
                SessionMacaroons.MIN_ROOT_KEY_BYTES * 2);
        return stored;
    }

    static byte[] parse(String hex) {
        byte[] key;
        try {
            key = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("MACAROON_ROOT_KEY must be hexadecimal");
        }
        if (key.length < SessionMacaroons.MIN_ROOT_KEY_BYTES) {
            throw new IllegalStateException("MACAROON_ROOT_KEY must be at least " + SessionMacaroons.MIN_ROOT_KEY_BYTES
                    + " bytes (" + SessionMacaroons.MIN_ROOT_KEY_BYTES * 2 + " hex characters), not " + key.length);
        }
        log.info("Session tokens are signed with the root key from MACAROON_ROOT_KEY");
        return key;
    }
}
