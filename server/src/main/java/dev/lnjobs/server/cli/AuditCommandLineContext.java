package dev.lnjobs.server.cli;

import dev.lnjobs.server.config.AuditConfiguration;
import dev.lnjobs.server.config.DatabaseConfiguration;
import dev.lnjobs.server.config.DatabaseProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Everything the command line audit starts: the database (DATABASE_URL's, or the embedded one in its data
 * directory) and the event store reader. No web server, no Axon, no processors, sagas or schedulers, no Flyway.
 * Not a component, so the server never picks it up.
 */
@Import({DatabaseConfiguration.class, AuditConfiguration.class})
@EnableConfigurationProperties(DatabaseProperties.class)
final class AuditCommandLineContext {

    private AuditCommandLineContext() {
    }
}
