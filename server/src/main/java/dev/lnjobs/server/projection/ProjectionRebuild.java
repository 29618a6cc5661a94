package dev.lnjobs.server.projection;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.Environment;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Drops every read model and builds it again from the event store, in one transaction: the read-model tables are
 * locked (writers of the subscribing projections wait; readers too), emptied, every event committed so far is
 * handed to every projection in global order, and the tokens of the streaming projections are set to the last
 * event replayed, so that they go on from there with what is appended meanwhile. One rebuild at a time.
 */
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    /** Every table a projection writes, and nothing else (stub wallet, secrets, schedules, limits stay). */
    public static final List<String> READ_MODEL_TABLES = List.of("job_view", "issued_invoice", "job_cost_ledger",
            "session_view", "session_requests", "bootstrap_view", "session_withdrawal");
    private static final String PROCESSORS = "axon.eventhandling.processors.";
    /** Axon's JDBC engine looks this far back for gaps; holes further back are old and stay holes. */
    private static final int GAP_WINDOW = 10_000;
    private static final int PAGE = 500;
    private static final int ATTEMPTS = 3;

    /** What a rebuild did. */
    public record Result(long eventsReplayed, Map<String, Integer> rowsByTable,
                         Map<String, Integer> segmentsByProcessor, long elapsedMillis) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EntityManagerFactory entityManagerFactory;
    private final TokenStore tokenStore;
    private final Environment environment;
    private final ApplicationContext context;
    private Map<String, List<Object>> projectionsByGroup;
    private final StoredEventMessages events;

    public ProjectionRebuild(DataSource dataSource, PlatformTransactionManager transactions,
                             EntityManagerFactory entityManagerFactory, Serializer serializer, TokenStore tokenStore,
                             ApplicationContext context, Environment environment) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(transactions);
        // one snapshot of the store for the replay and the tokens; LOCK TABLE comes before it is taken
        this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.entityManagerFactory = entityManagerFactory;
        this.tokenStore = tokenStore;
        this.environment = environment;
        this.events = new StoredEventMessages(jdbc, serializer);
        this.context = context;
    }

    /** The projections (the query side's event handling beans) by processing group; looked up once, when needed. */
    private synchronized Map<String, List<Object>> projectionsByGroup() {
        if (projectionsByGroup == null) {
            Map<String, List<Object>> groups = new TreeMap<>();
            context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                    .filter(bean -> ClassUtils.getUserClass(bean).getPackageName().startsWith("dev.lnjobs.query"))
                    .forEach(bean -> groups.computeIfAbsent(groupOf(bean), g -> new ArrayList<>()).add(bean));
            projectionsByGroup = groups;
        }
        return projectionsByGroup;
    }

    /** The processing groups of the projections, each with whether it is a streaming (token-keeping) one. */
    public Map<String, Boolean> groups() {
        Map<String, Boolean> groups = new LinkedHashMap<>();
        projectionsByGroup().keySet().forEach(group -> groups.put(group, streaming(group)));
        return groups;
    }

    public synchronized Result rebuild() {
        long started = System.nanoTime();
        Result result = null;
        for (int attempt = 1; result == null; attempt++) {
            try {
                result = transaction.execute(status -> rebuildInTransaction(started));
            } catch (PessimisticLockingFailureException e) {
                // a command held one read-model table and waited for another this rebuild had locked
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("Projection rebuild: lost a lock conflict with a command ({}); trying again", e.getMessage());
            }
        }
        log.info("Projections rebuilt: {} events replayed into {} in {} ms; rows {}", result.eventsReplayed(),
                projectionsByGroup().keySet(), result.elapsedMillis(), result.rowsByTable());
        return result;
    }

    private Result rebuildInTransaction(long started) {
        jdbc.execute("LOCK TABLE " + String.join(", ", READ_MODEL_TABLES) + " IN ACCESS EXCLUSIVE MODE");
        jdbc.execute("TRUNCATE " + String.join(", ", READ_MODEL_TABLES));
        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder()
                .eventHandlers(projectionsByGroup().values().stream().flatMap(List::stream).toList())
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance()) // never skip an event
                .build();
        EntityManager entityManager = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagerFactory);
        long replayed = 0;
        long last = -1;
        while (true) {
            List<StoredEventMessages.Stored> page = events.after(last, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (StoredEventMessages.Stored stored : page) {
                handle(invoker, stored.message());
                last = stored.globalIndex();
                replayed++;
            }
            if (entityManager != null) {
                entityManager.flush(); // the JPA projections' rows, so that memory holds one page at a time
                entityManager.clear();
            }
        }
        TrackingToken position = last < 0 ? null : GapAwareTrackingToken.newInstance(last, gapsBelow(last));
        Map<String, Integer> segments = new TreeMap<>();
        projectionsByGroup().keySet().stream().filter(this::streaming)
                .forEach(group -> segments.put(group, resetToken(group, position)));
        Map<String, Integer> rows = new LinkedHashMap<>();
        READ_MODEL_TABLES.forEach(table -> rows.put(table,
                jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class)));
        return new Result(replayed, rows, segments, (System.nanoTime() - started) / 1_000_000);
    }

    private static void handle(SimpleEventHandlerInvoker invoker, EventMessage<?> message) {
        try {
            invoker.handle(message, Segment.ROOT_SEGMENT);
        } catch (Exception e) {
            throw new IllegalStateException("a projection failed on event " + message.getIdentifier() + " ("
                    + message.getPayloadType().getSimpleName() + "); nothing was changed", e);
        }
    }

    /** Indices below {@code last} (within Axon's gap window) that this snapshot does not hold: still being written. */
    private Set<Long> gapsBelow(long last) {
        Set<Long> present = new HashSet<>(jdbc.queryForList("SELECT global_index FROM domain_event_entry "
                + "WHERE global_index > ? AND global_index <= ?", Long.class, last - GAP_WINDOW, last));
        Set<Long> gaps = new TreeSet<>();
        long first = Math.max(jdbc.queryForObject("SELECT coalesce(min(global_index), 0) FROM domain_event_entry",
                Long.class), last - GAP_WINDOW + 1);
        for (long index = first; index < last; index++) {
            if (!present.contains(index)) {
                gaps.add(index);
            }
        }
        return gaps;
    }

    /** The group's segments all start after the replayed events (as many segments as it had, else its initial). */
    private int resetToken(String processor, TrackingToken position) {
        Integer existing = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                Integer.class, processor);
        int segments = existing != null && existing > 0 ? existing
                : environment.getProperty(PROCESSORS + processor + ".initial-segment-count", Integer.class, 16);
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processor);
        tokenStore.initializeTokenSegments(processor, segments, position);
        return segments;
    }

    private boolean streaming(String group) {
        return !"subscribing".equalsIgnoreCase(environment.getProperty(PROCESSORS + group + ".mode", "pooled"));
    }

    private static String groupOf(Object bean) {
        return AnnotationUtils.findAnnotation(ClassUtils.getUserClass(bean), ProcessingGroup.class).value();
    }
}
