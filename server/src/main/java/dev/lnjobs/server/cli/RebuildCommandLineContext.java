package dev.lnjobs.server.cli;

import dev.lnjobs.server.config.AxonConfiguration;
import dev.lnjobs.server.config.DatabaseConfiguration;
import dev.lnjobs.server.config.DatabaseProperties;
import dev.lnjobs.server.projection.ProjectionRebuild;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Everything the rebuild-projections command starts: the database (DATABASE_URL's, or the embedded one), JPA, the
 * query side's projections and the token store, with the serializer the server uses. No web server, no Axon
 * configuration, processors, sagas or schedulers, no Flyway. Not a component, so the server never picks it up.
 */
@Import(DatabaseConfiguration.class)
@ImportAutoConfiguration({HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class})
@EnableConfigurationProperties(DatabaseProperties.class)
@ComponentScan("dev.lnjobs.query")
@EntityScan("dev.lnjobs.query")
@EnableJpaRepositories("dev.lnjobs.query")
public class RebuildCommandLineContext {

    @Bean
    QueryUpdateEmitter queryUpdateEmitter() {
        return SimpleQueryUpdateEmitter.builder().build(); // nobody subscribes in a command line run
    }

    @Bean
    Serializer serializer() {
        return AxonConfiguration.messageSerializer();
    }

    @Bean
    TokenStore tokenStore(Serializer serializer, DataSource dataSource) {
        return new AxonConfiguration().tokenStore(serializer,
                new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource)),
                Duration.ofSeconds(10));
    }

    @Bean
    ProjectionRebuild projectionRebuild(DataSource dataSource, PlatformTransactionManager transactions,
                                        EntityManagerFactory entityManagerFactory, Serializer serializer,
                                        TokenStore tokenStore, ApplicationContext context, Environment environment) {
        return new ProjectionRebuild(dataSource, transactions, entityManagerFactory, serializer, tokenStore, context,
                environment);
    }
}
