package dev.lnjobs.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** DATABASE_URL (postgres:// or jdbc:postgresql://), or an embedded server with its data in a directory. */
@ConfigurationProperties("lnjobs.database")
public record DatabaseProperties(String url, String embeddedDataDir, int embeddedPort, int poolSize) {
}
