package dev.lnjobs.server.cli;

import dev.lnjobs.server.config.AxonConfiguration;
import dev.lnjobs.server.config.DatabaseConfiguration;
import dev.lnjobs.server.config.DatabaseProperties;
import dev.lnjobs.server.store.AppendRate;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;

/**
 * Everything the append-rate command starts: the database (DATABASE_URL's, or the embedded one) and the event
 * storage engine and serializer the server uses, in plain JDBC transactions. No web server, no Axon configuration,
 * processors, sagas or schedulers. Not a component, so the server never picks it up.
 */
@Import(DatabaseConfiguration.class)
@EnableConfigurationProperties(DatabaseProperties.class)
class AppendRateCommandLineContext {

    @Bean
    AppendRate appendRate(DataSource dataSource) {
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        return new AppendRate(dataSource, AxonConfiguration.storageEngine(AxonConfiguration.messageSerializer(),
                new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource)),
                transactions), transactions);
    }
}
