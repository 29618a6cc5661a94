package dev.lnjobs.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Real PostgreSQL for tests. One server per test JVM: the one {@code TEST_DATABASE_URL} names; else, where a
 * Docker daemon answers, a Testcontainers {@value #POSTGRES_IMAGE}; else an embedded one. The choice is logged
 * once. Each caller gets a database of its own on that server, so tests never see each other's rows.
 */
public final class TestDatabases {

    /** The image {@code deploy/docker-compose.yml} deploys (a test holds the two together). */
    public static final String POSTGRES_IMAGE = "postgres:16";

    private static final Logger log = LoggerFactory.getLogger(TestDatabases.class);

    private static String adminUrl;
    /** Kept so the embedded server is not collected (its shutdown hook stops it when the JVM ends). */
    private static EmbeddedPostgres embedded;

    private TestDatabases() {
    }

    /** A new, empty database; answers its JDBC URL (with credentials as parameters). */
    public static synchronized String freshDatabase() {
        String name = "lnjobs_test_" + UUID.randomUUID().toString().replace("-", "");
        String admin = adminUrl();
        try (Connection connection = DriverManager.getConnection(admin);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + JdbcUrls.redacted(admin), e);
        }
        return JdbcUrls.withDatabase(admin, name);
    }

    private static String adminUrl() {
        if (adminUrl == null) {
            String external = System.getenv("TEST_DATABASE_URL");
            adminUrl = switch (TestDatabaseSource.select(external, DockerProbe::daemonAnswers)) {
                case EXTERNAL -> external(external.trim());
                case CONTAINER -> container();
                case EMBEDDED -> embedded("no TEST_DATABASE_URL and no Docker daemon answering");
            };
        }
        return adminUrl;
    }

    private static String external(String url) {
        String jdbc = JdbcUrls.toJdbc(url);
        log.info("Tests' PostgreSQL: the server TEST_DATABASE_URL names ({})", JdbcUrls.redacted(jdbc));
        return jdbc;
    }

    private static String container() {
        try {
            String jdbc = ContainerPostgres.start(POSTGRES_IMAGE);
            log.info("Tests' PostgreSQL: Testcontainers {} ({})", POSTGRES_IMAGE, JdbcUrls.redacted(jdbc));
            return jdbc;
        } catch (RuntimeException e) {
            // Docker answers but cannot run the image (offline, no pull rights): the tests still have a database.
            return embedded("Docker answers but " + POSTGRES_IMAGE + " did not start: " + e);
        }
    }

    private static String embedded(String why) {
        try {
            // Several cached Spring contexts, each with its own pool, share this one server.
            embedded = EmbeddedPostgres.builder().setServerConfig("max_connections", "400").start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL for tests", e);
        }
        log.info("Tests' PostgreSQL: embedded (zonky) on port {} ({})", embedded.getPort(), why);
        return embedded.getJdbcUrl("postgres", "postgres");
    }
}
