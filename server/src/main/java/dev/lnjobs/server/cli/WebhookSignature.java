package dev.lnjobs.server.cli;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The HMAC-SHA256 of a webhook's raw body under the shared secret, as GitHub sends it ({@code X-Hub-Signature-256:
 * sha256=<hex>}) and as Gitea does ({@code X-Gitea-Signature: <hex>}). Compared in constant time.
 */
final class WebhookSignature {

    static final String GITHUB_HEADER = "X-Hub-Signature-256";
    static final String GITEA_HEADER = "X-Gitea-Signature";
    private static final String GITHUB_PREFIX = "sha256=";

    private final byte[] secret;

    WebhookSignature(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a webhook secret is needed");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether either header (each may be null) carries the body's signature. */
    boolean verifies(byte[] body, String githubHeader, String giteaHeader) {
        byte[] expected = sign(body);
        boolean github = githubHeader != null && githubHeader.regionMatches(true, 0, GITHUB_PREFIX, 0,
                GITHUB_PREFIX.length()) && matches(expected, githubHeader.substring(GITHUB_PREFIX.length()));
        boolean gitea = giteaHeader != null && matches(expected, giteaHeader);
        return github | gitea;
    }

    byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    String signHex(byte[] body) {
        return HexFormat.of().formatHex(sign(body));
    }

    private static boolean matches(byte[] expected, String hex) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }
}
