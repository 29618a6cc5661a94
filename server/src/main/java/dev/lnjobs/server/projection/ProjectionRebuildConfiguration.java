package dev.lnjobs.server.projection;

import jakarta.persistence.EntityManagerFactory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/** The rebuild as the running server offers it (the command line builds a {@link ProjectionRebuild} of its own). */
@Configuration(proxyBeanMethods = false)
class ProjectionRebuildConfiguration {

    @Bean
    ProjectionRebuild projectionRebuild(DataSource dataSource, PlatformTransactionManager transactions,
                                        EntityManagerFactory entityManagerFactory, Serializer serializer,
                                        TokenStore tokenStore, ApplicationContext context, Environment environment) {
        return new ProjectionRebuild(dataSource, transactions, entityManagerFactory, serializer, tokenStore, context,
                environment);
    }

    @Bean
    LiveProjectionRebuild liveProjectionRebuild(ProjectionRebuild rebuild, EventProcessingConfiguration processing) {
        return new LiveProjectionRebuild(rebuild, processing);
    }
}
