package dev.lnjobs.server.session;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The open LNURL-withdraw links, by sha256 of their k1 (the k1 itself is never stored). */
@Component
class LnurlWithdrawLinks {

    /** A link: the amount the wallet's invoice must carry and the fee reserve kept back. */
    record Link(String sessionId, long amountSats, long feeReserveSats, Instant expiresAt, Instant usedAt) {
    }

    private final JdbcTemplate jdbc;

    LnurlWithdrawLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(String k1, String sessionId, long amountSats, long feeReserveSats, Instant createdAt,
             Instant expiresAt) {
        jdbc.update("INSERT INTO lnurl_withdraw_link (k1_sha256, session_id, amount_sats, fee_reserve_sats, "
                        + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)", sha256(k1), sessionId, amountSats,
                feeReserveSats, utc(createdAt), utc(expiresAt));
    }

    Optional<Link> find(String k1) {
        List<Link> links = jdbc.query("SELECT session_id, amount_sats, fee_reserve_sats, expires_at, used_at "
                + "FROM lnurl_withdraw_link WHERE k1_sha256 = ?", (rs, row) -> new Link(rs.getString(1),
                rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5))), sha256(k1));
        return links.stream().findFirst();
    }

    /** Marks the k1 used; false when another callback used it first or the link expired meanwhile. */
    boolean use(String k1, Instant at) {
        return jdbc.update("UPDATE lnurl_withdraw_link SET used_at = ? WHERE k1_sha256 = ? AND used_at IS NULL "
                + "AND expires_at > ?", utc(at), sha256(k1), utc(at)) == 1;
    }

    static String sha256(String k1) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(k1.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
