package dev.lnjobs.testsupport;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code TEST_DATABASE_URL} as one JDBC URL with its credentials as parameters. Accepts what the server's
 * {@code DATABASE_URL} accepts ({@code postgres://}, {@code postgresql://}, {@code jdbc:postgresql:}); the server
 * keeps its own parser ({@code DatabaseUrl}), and a server test holds the two to the same answers.
 */
public final class JdbcUrls {

    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    private JdbcUrls() {
    }

    public static String toJdbc(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("TEST_DATABASE_URL must start with postgres://, postgresql:// or "
                    + "jdbc:postgresql:");
        }
        URI uri = URI.create(url);
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbc = JDBC_PREFIX + uri.getHost() + port + uri.getRawPath() + query;
        if (uri.getRawUserInfo() == null) {
            return jdbc;
        }
        String[] parts = uri.getRawUserInfo().split(":", 2);
        return withCredentials(jdbc, decode(parts[0]), parts.length > 1 ? decode(parts[1]) : null);
    }

    /** Adds {@code user} and (when not null) {@code password} to a JDBC URL's parameters. */
    static String withCredentials(String jdbcUrl, String user, String password) {
        String separator = jdbcUrl.contains("?") ? "&" : "?";
        String secret = password == null ? "" : "&password=" + encode(password);
        return jdbcUrl + separator + "user=" + encode(user) + secret;
    }

    /** The same server, credentials and parameters, another database. */
    static String withDatabase(String jdbcUrl, String database) {
        int start = jdbcUrl.indexOf('/', JDBC_PREFIX.length());
        int end = jdbcUrl.indexOf('?', start);
        return jdbcUrl.substring(0, start + 1) + database + (end < 0 ? "" : jdbcUrl.substring(end));
    }

    /** For messages: the URL without its password. */
    static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
