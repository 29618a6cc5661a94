package dev.lnjobs.server.config;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query bus as Axon's auto-configuration builds it, but without a transaction around each query: every query
 * handler here is one SELECT (plain SQL, or a Spring Data repository's own read-only transaction) returning a view
 * with no lazy part, so the BEGIN and COMMIT Axon put around it (and the JPA EntityManager they opened) bought
 * nothing. A payment notice asks the invoice table through it, twice a job.
 */
@Configuration(proxyBeanMethods = false)
class QueryBusConfiguration {

    @Bean
    @Qualifier("localSegment")
    SimpleQueryBus queryBus(org.axonframework.config.Configuration axon) {
        return SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .transactionManager(NoTransactionManager.instance())
                .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }
}
