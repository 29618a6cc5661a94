package dev.lnjobs.server.axon;

import dev.lnjobs.server.config.AxonConfiguration;
import dev.lnjobs.server.config.EventStoreRows;
import dev.lnjobs.testsupport.TestDatabases;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Two nodes on one PostgreSQL, each with its own cache of aggregates: a node whose cached aggregate another node
 * has since appended to decides on every event, as a fresh load would, and reads only the events it lacked.
 */
class CatchUpCachingRepositoryTest {

    record Open(@TargetAggregateIdentifier String id) {
    }

    record Add(@TargetAggregateIdentifier String id) {
    }

    record Opened(String id) {
    }

    record Added(String id, int total) {
    }

    /** A counter whose every command answers the total it reached. */
    static class Counter {
        @AggregateIdentifier
        private String id;
        private int total;

        Counter() {
        }

        @CommandHandler
        Counter(Open command) {
            apply(new Opened(command.id()));
        }

        @CommandHandler
        int handle(Add command) {
            apply(new Added(id, total + 1));
            return total;
        }

        @EventSourcingHandler
        void on(Opened event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(Added event) {
            total = event.total();
        }
    }

    private DataSource database;
    private Configuration nodeA;
    private Configuration nodeB;

    @BeforeEach
    void twoNodes() {
        database = EventStoreRows.migrated(TestDatabases.freshDatabase());
        nodeA = node(database);
        nodeB = node(database);
    }

    @AfterEach
    void stop() {
        nodeA.shutdown();
        nodeB.shutdown();
    }

    @Test
    void a_cached_aggregate_catches_up_with_what_another_node_appended_before_it_decides() {
        String id = UUID.randomUUID().toString();
        nodeA.commandGateway().sendAndWait(new Open(id));
        assertThat((int) nodeA.commandGateway().sendAndWait(new Add(id))).isEqualTo(1); // A caches total 1

        nodeB.commandGateway().sendAndWait(new Add(id));
        nodeB.commandGateway().sendAndWait(new Add(id)); // the store holds total 3 now

        // with its cache stale, A would append total 2 at a taken sequence; caught up, it adds the fourth
        assertThat((int) nodeA.commandGateway().sendAndWait(new Add(id))).isEqualTo(4);
        assertThat(new JdbcTemplate(database).queryForList("SELECT sequence_number FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, id))
                .containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void an_aggregate_nobody_else_touched_is_served_from_the_cache_in_step_with_the_store() {
        String id = UUID.randomUUID().toString();
        nodeA.commandGateway().sendAndWait(new Open(id));
        for (int i = 1; i <= 5; i++) {
            assertThat((int) nodeA.commandGateway().sendAndWait(new Add(id))).isEqualTo(i);
        }
        assertThat((int) nodeB.commandGateway().sendAndWait(new Add(id))).isEqualTo(6);
        assertThat((int) nodeA.commandGateway().sendAndWait(new Add(id))).isEqualTo(7);
    }

    private static Configuration node(DataSource dataSource) {
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        Configuration configuration = DefaultConfigurer.defaultConfiguration(false) // no Axon Server connector
                .configureSerializer(c -> AxonConfiguration.messageSerializer())
                .configureTransactionManager(c -> transactions)
                .configureEventStore(c -> EmbeddedEventStore.builder()
                        .storageEngine(AxonConfiguration.storageEngine(AxonConfiguration.messageSerializer(),
                                new UnitOfWorkAwareConnectionProviderWrapper(
                                        new SpringDataSourceConnectionProvider(dataSource)), transactions))
                        .build())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Counter.class)
                        .configureRepository(c -> CatchUpCachingRepository.of(Counter.class, c, 100)))
                .buildConfiguration();
        configuration.start();
        return configuration;
    }
}
