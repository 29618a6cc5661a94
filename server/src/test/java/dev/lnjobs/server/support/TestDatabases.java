package dev.lnjobs.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Real PostgreSQL for tests: TEST_DATABASE_URL's server when set, otherwise one embedded server per test JVM.
 * Each caller gets a database of its own on it, so tests never see each other's rows.
 */
public final class TestDatabases {

    private static EmbeddedPostgres embedded;

    private TestDatabases() {
    }

    /** A new, empty database; answers its JDBC URL (with credentials as parameters). */
    public static synchronized String freshDatabase() {
        String name = "lnjobs_test_" + UUID.randomUUID().toString().replace("-", "");
        String adminUrl = adminUrl();
        try (Connection connection = DriverManager.getConnection(adminUrl);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + redacted(adminUrl), e);
        }
        return replaceDatabase(adminUrl, name);
    }

    private static String adminUrl() {
        String external = System.getenv("TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            return toJdbc(external.trim());
        }
        if (embedded == null) {
            try {
                // Several cached Spring contexts, each with its own pool, share this one server.
                embedded = EmbeddedPostgres.builder().setServerConfig("max_connections", "400").start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL for tests", e);
            }
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    /** Accepts postgres://user:pass@host:port/db as well as JDBC URLs. */
    static String toJdbc(String url) {
        if (url.startsWith("jdbc:")) {
            return url;
        }
        java.net.URI uri = java.net.URI.create(url);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath());
        String sep = "?";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            jdbc.append(sep).append("user=").append(parts[0]);
            sep = "&";
            if (parts.length > 1) {
                jdbc.append("&password=").append(parts[1]);
            }
        }
        if (uri.getRawQuery() != null) {
            jdbc.append(sep).append(uri.getRawQuery());
        }
        return jdbc.toString();
    }

    private static String replaceDatabase(String jdbcUrl, String database) {
        int start = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int end = jdbcUrl.indexOf('?', start);
        return jdbcUrl.substring(0, start + 1) + database + (end < 0 ? "" : jdbcUrl.substring(end));
    }

    private static String redacted(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
