package dev.lnjobs.server.config;

import dev.lnjobs.server.database.LeftoverPostmaster;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one PostgreSQL that holds events, tokens, sagas and read models: DATABASE_URL's, or an embedded one. */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** Holds the embedded server (when one was started) so that it stops after the pool has closed. */
    static final class PostgresServer implements AutoCloseable {
        final DatabaseUrl url;
        private final EmbeddedPostgres embedded;

        PostgresServer(DatabaseUrl url, EmbeddedPostgres embedded) {
            this.url = url;
            this.embedded = embedded;
        }

        @Override
        public void close() throws IOException {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Bean
    PostgresServer postgresServer(DatabaseProperties properties) {
        if (properties.url() != null && !properties.url().isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(properties.url().trim());
            log.info("Database: {}", url.jdbcUrl().replaceAll("password=[^&]*", "password=***"));
            return new PostgresServer(url, null);
        }
        Path dataDir = Path.of(properties.embeddedDataDir()).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
            LeftoverPostmaster.stopIfLeftBehind(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // zonky turns synchronous commits off; a payment that returned must survive a crash
                    .setServerConfig("synchronous_commit", "on");
            if (properties.embeddedPort() > 0) {
                builder.setPort(properties.embeddedPort());
            }
            EmbeddedPostgres embedded = builder.start();
            log.info("Database: no DATABASE_URL, started an embedded PostgreSQL on port {} with its data in {}",
                    embedded.getPort(), dataDir);
            return new PostgresServer(new DatabaseUrl(embedded.getJdbcUrl("postgres", "postgres"), "postgres",
                    null), embedded);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    @Bean
    DataSource dataSource(PostgresServer server, DatabaseProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.url.jdbcUrl());
        if (server.url.username() != null) {
            dataSource.setUsername(server.url.username());
        }
        if (server.url.password() != null) {
            dataSource.setPassword(server.url.password());
        }
        // the event store appends a commit's events as one JDBC batch: sent as one multi-row INSERT
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        dataSource.setMaximumPoolSize(properties.poolSize());
        dataSource.setPoolName("lnjobs");
        return dataSource;
    }
}
