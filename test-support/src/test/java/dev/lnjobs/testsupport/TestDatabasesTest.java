package dev.lnjobs.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class TestDatabasesTest {

    @Test
    void gives_each_caller_an_empty_database_of_its_own() throws SQLException {
        String first = TestDatabases.freshDatabase();
        String second = TestDatabases.freshDatabase();

        assertThat(first).isNotEqualTo(second);
        execute(first, "CREATE TABLE mine (id INT)");
        assertThat(tables(first)).isEqualTo(1);
        assertThat(tables(second)).isZero();
        assertThat(query(second, "SELECT current_database()")).isNotEqualTo(query(first, "SELECT current_database()"));
    }

    @Test
    void containers_run_the_postgres_the_compose_file_deploys() throws IOException {
        String compose = Files.readString(RepositoryFiles.path("deploy/docker-compose.yml"));
        assertThat(compose).containsPattern("(?m)^\\s+image:\\s*" + TestDatabases.POSTGRES_IMAGE + "\\s*$");
    }

    @Test
    void finds_the_server_migrations() {
        assertThat(RepositoryFiles.serverMigrations()).startsWith("filesystem:/")
                .endsWith("server/src/main/resources/db/migration");
        assertThat(RepositoryFiles.path("server/src/main/resources/db/migration/V1__axon_event_store.sql"))
                .isRegularFile();
    }

    private static long tables(String url) throws SQLException {
        return Long.parseLong(query(url,
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    private static String query(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
