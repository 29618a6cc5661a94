package dev.lnjobs.server.config;

import dev.lnjobs.server.audit.EventStoreReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The pricing audit's reader of the event store, shared by the admin endpoint and the command line run. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    EventStoreReader eventStoreReader(DataSource dataSource) {
        return new EventStoreReader(dataSource, AxonConfiguration.messageObjectMapper());
    }
}
