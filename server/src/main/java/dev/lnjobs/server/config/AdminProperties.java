package dev.lnjobs.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** ADMIN_TOKEN: the bearer token of the /api/admin routes; unset or blank, those routes do not exist. */
@ConfigurationProperties("lnjobs.admin")
public record AdminProperties(String token) {

    public AdminProperties {
        token = token == null ? "" : token.strip();
    }

    public boolean enabled() {
        return !token.isEmpty();
    }

    /** Compares digests in constant time, so the time taken tells nothing of the token, not even its length. */
    public boolean accepts(String presented) {
        return enabled() && presented != null && MessageDigest.isEqual(sha256(presented), sha256(token));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AdminProperties[token " + (enabled() ? "set, hidden" : "unset") + "]";
    }
}
