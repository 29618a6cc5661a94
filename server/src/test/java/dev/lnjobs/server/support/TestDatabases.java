package dev.lnjobs.server.support;

import dev.lnjobs.server.config.DatabaseUrl;
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

    /** Accepts what DATABASE_URL accepts (see {@link DatabaseUrl}); credentials go into the URL's parameters. */
    static String toJdbc(String url) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        if (parsed.username() == null) {
            return parsed.jdbcUrl();
        }
        String separator = parsed.jdbcUrl().contains("?") ? "&" : "?";
        String password = parsed.password() == null ? "" : "&password=" + encode(parsed.password());
        return parsed.jdbcUrl() + separator + "user=" + encode(parsed.username()) + password;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
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
