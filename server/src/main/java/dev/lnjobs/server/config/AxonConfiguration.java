package dev.lnjobs.server.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.lnjobs.command.CommandSide;
import dev.lnjobs.query.job.JobProjection;
import dev.lnjobs.query.ledger.CostLedgerProjection;
import dev.lnjobs.query.lightning.IssuedInvoiceProjection;
import dev.lnjobs.sagas.bootstrap.BootstrapRefundSaga;
import dev.lnjobs.sagas.bootstrap.NodeCleanupSaga;
import dev.lnjobs.sagas.bootstrap.ProvisioningSaga;
import dev.lnjobs.sagas.job.JobPaymentSaga;
import dev.lnjobs.sagas.job.RefundSaga;
import dev.lnjobs.sagas.session.SessionRequestSaga;
import dev.lnjobs.sagas.session.SessionSaga;
import dev.lnjobs.sagas.session.WithdrawalSaga;
import dev.lnjobs.sagas.session.AddressWithdrawalSaga;
import dev.lnjobs.server.axon.CatchUpCachingRepository;
import dev.lnjobs.server.axon.PromptEventSource;
import dev.lnjobs.server.axon.RetryingErrorHandler;
import dev.lnjobs.server.axon.SegmentLocalSagaManager;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Axon on PostgreSQL through its JDBC engine: events, tokens and sagas in bytea columns of tables Flyway
 * created, all serialized as JSON with Jackson.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** How often the event store looks for events other nodes appended; this node's are fetched on commit. */
    static final Duration CROSS_NODE_FETCH_DELAY = Duration.ofMillis(250);
    // Axon's JDBC defaults are camelCase names; the Flyway migrations use PostgreSQL's snake_case.
    private static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index").timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier").aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number").typeColumn("type")
            .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision")
            .payloadColumn("payload").metaDataColumn("meta_data")
            .build();
    private static final TokenSchema TOKEN_SCHEMA = TokenSchema.builder()
            .setTokenTable("token_entry").setProcessorNameColumn("processor_name").setSegmentColumn("segment")
            .setTokenColumn("token").setTokenTypeColumn("token_type").setTimestampColumn("timestamp")
            .setOwnerColumn("owner")
            .build();
    private static final SagaSchema SAGA_SCHEMA = SagaSchema.builder()
            .sagaEntryTable("saga_entry").associationValueEntryTable("association_value_entry")
            .sagaIdColumn("saga_id").sagaTypeColumn("saga_type").revisionColumn("revision")
            .serializedSagaColumn("serialized_saga").associationKeyColumn("association_key")
            .associationValueColumn("association_value")
            .build();

    /** Sagas keep their state in private fields; events are records. Both need no annotations this way. */
    public static ObjectMapper messageObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new BlackbirdModule())
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return messageSerializer();
    }

    public static Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(messageObjectMapper()).lenientDeserialization().build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /** A refused command sent from a saga must not doom the saga's own transaction, so participation failures
     * roll back only the participant's work. */
    @Bean
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        JpaTransactionManager transactionManager = new JpaTransactionManager(entityManagerFactory);
        transactionManager.setGlobalRollbackOnParticipationFailure(false);
        return transactionManager;
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager) {
        return storageEngine(serializer, connectionProvider, transactionManager);
    }

    /**
     * The engine the server stores events with; the append-rate command measures this one too. Its reads outside a
     * unit of work (the processors' fetches) run without a transaction (EventReadsTransactionManager).
     */
    public static EventStorageEngine storageEngine(Serializer serializer, ConnectionProvider connectionProvider,
                                                   TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .connectionProvider(connectionProvider)
                .transactionManager(new EventReadsTransactionManager(transactionManager))
                .persistenceExceptionResolver(uniqueViolation())
                .schema(EVENT_SCHEMA)
                .dataType(byte[].class)
                .build();
    }

    /** Built by hand, so Axon's own {@code axon.eventhandling.tokenstore.claim-timeout} is applied here: how long
     * a segment claimed by a node that stopped extending it (crashed) stays its before another node may take it. */
    @Bean
    public TokenStore tokenStore(Serializer serializer, ConnectionProvider connectionProvider,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(TOKEN_SCHEMA)
                .contentType(byte[].class)
                .claimTimeout(claimTimeout)
                .build();
    }

    @Bean
    SagaStore<Object> sagaStore(Serializer serializer, ConnectionProvider connectionProvider) {
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema(SAGA_SCHEMA))
                .serializer(serializer)
                .build();
    }

    /**
     * Axon's embedded event store as its auto-configuration builds it, but fetching other nodes' events every 250 ms
     * instead of every second; events committed on this node are fetched at once either way. Not when Axon Server
     * holds the events (profile axonserver), whose auto-configuration then builds its own store.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    @ConditionalOnExpression("!${axon.axonserver.enabled:true} || !${axon.axonserver.event-store.enabled:true}")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class))
                .fetchDelay(CROSS_NODE_FETCH_DELAY.toMillis())
                .build();
    }

    /** The source every pooled processor reads (application.yml names it), see {@link PromptEventSource}. */
    @Bean
    PromptEventSource promptEventSource(EventStore eventStore) {
        return new PromptEventSource(eventStore);
    }

    @Bean
    ConfigurerModule lnjobsAxonModule(MeterRegistry meters,
                                      @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}")
                                      Duration claimTimeout) {
        // extended well before it times out, however loaded the node: a third of the timeout
        long claimExtensionThreshold = Math.max(100, claimTimeout.toMillis() / 3);
        return configurer -> {
            CommandSide.aggregateTypes().forEach(type -> registerAggregate(configurer, type));
            registerSaga(configurer, JobPaymentSaga.class);
            registerSaga(configurer, RefundSaga.class);
            registerSaga(configurer, ProvisioningSaga.class);
            registerSaga(configurer, NodeCleanupSaga.class);
            registerSaga(configurer, SessionSaga.class);
            registerSaga(configurer, SessionRequestSaga.class);
            registerSaga(configurer, WithdrawalSaga.class);
            registerSaga(configurer, AddressWithdrawalSaga.class);
            registerSaga(configurer, BootstrapRefundSaga.class);
            // subscribing read models fail the command whose events they cannot take in, instead of drifting from them
            configurer.eventProcessing()
                    .registerListenerInvocationErrorHandler(JobProjection.PROCESSING_GROUP,
                            c -> PropagatingErrorHandler.instance())
                    .registerListenerInvocationErrorHandler(IssuedInvoiceProjection.PROCESSING_GROUP,
                            c -> PropagatingErrorHandler.instance())
                    .registerListenerInvocationErrorHandler(CostLedgerProjection.PROCESSING_GROUP,
                            c -> PropagatingErrorHandler.instance())
                    // a model call (up to 90 s) or a droplet creation outlasts the claim timeout: the coordinator
                    // keeps extending the claims of busy segments so that no other node takes one and repeats it
                    .registerPooledStreamingEventProcessorConfiguration(
                            (c, builder) -> builder.enableCoordinatorClaimExtension()
                                    .claimExtensionThreshold(claimExtensionThreshold));
            // every other handler's failure is retried by its processor, never logged and skipped
            configurer.eventProcessing().registerDefaultListenerInvocationErrorHandler(
                    c -> RetryingErrorHandler.of("other", meters));
            RETRIED_GROUPS.forEach(group -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                    group, c -> RetryingErrorHandler.of(group, meters)));
        };
    }

    /** The pooled processing groups (application.yml), each with its own failure counter. */
    private static final List<String> RETRIED_GROUPS = List.of("bootstrap-view", "sessions",
            "JobPaymentSagaProcessor", "RefundSagaProcessor", "ProvisioningSagaProcessor", "NodeCleanupSagaProcessor",
            "SessionSagaProcessor", "SessionRequestSagaProcessor", "WithdrawalSagaProcessor",
            "AddressWithdrawalSagaProcessor", "BootstrapRefundSagaProcessor");

    /** Aggregates stay in memory between commands (see {@link CatchUpCachingRepository}), up to this many a type. */
    static final int CACHED_AGGREGATES = 10_000;

    private static <A> void registerAggregate(Configurer configurer, Class<A> aggregateType) {
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(aggregateType)
                .configureRepository(c -> CatchUpCachingRepository.of(aggregateType, c, CACHED_AGGREGATES)));
    }

    private static <T> void registerSaga(Configurer configurer, Class<T> sagaType) {
        configurer.eventProcessing().registerSaga(sagaType,
                saga -> saga.configureSagaManager(SegmentLocalSagaManager.of(sagaType)));
    }

    /** PostgreSQL reports a unique violation (two appends at the same aggregate sequence) as SQLState 23505. */
    private static PersistenceExceptionResolver uniqueViolation() {
        return exception -> {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }
}
