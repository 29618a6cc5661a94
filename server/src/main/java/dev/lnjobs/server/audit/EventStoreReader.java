package dev.lnjobs.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lnjobs.command.audit.BalanceSheetAudit;
import dev.lnjobs.command.audit.BalanceSheetReport;
import dev.lnjobs.command.audit.PricingAudit;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Replays Axon's event table from the first event in global order, reading each payload as the class its row
 * names with the mapper Axon wrote it with. One statement, so the audit sees one consistent snapshot; streamed
 * with a fetch size, so the store never has to fit in memory; fetched on a thread of its own while the payloads
 * already fetched are read and audited.
 */
public class EventStoreReader {

    private static final Logger log = LoggerFactory.getLogger(EventStoreReader.class);
    static final int FETCH_SIZE = 1000;
    /** Only our message contract is ever instantiated from a row, whatever class name the row holds. */
    private static final String CONTRACT_PACKAGE = "dev.lnjobs.api.";
    private static final String EVENTS_IN_ORDER = "SELECT aggregate_identifier, payload_type, payload "
            + "FROM domain_event_entry ORDER BY global_index";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Map<String, Optional<ObjectReader>> readers = new HashMap<>();

    public EventStoreReader(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** One replay at a time: a second request waits rather than doubling the load on the database. */
    public synchronized PricingAuditResult auditPricing() {
        long started = System.nanoTime();
        PricingAudit audit = new PricingAudit();
        long skipped = replay(audit);
        PricingAuditResult result = PricingAuditResult.of(audit.report(), skipped, System.nanoTime() - started);
        log.info("Pricing audit: {} jobs, {} events ({} skipped) in {} ms ({} events/s), {} mismatches",
                result.jobsAudited(), result.eventsRead(), result.eventsSkipped(), result.elapsedMillis(),
                result.eventsPerSecond(), result.mismatchCount());
        return result;
    }

    /** The balance sheet by replay; one replay at a time, as the pricing audit. */
    public synchronized BalanceSheetReport auditLedger() {
        long started = System.nanoTime();
        BalanceSheetAudit audit = new BalanceSheetAudit();
        replay(new Audit() {
            @Override
            public void accept(String aggregateId, Object payload) {
                audit.accept(aggregateId, payload);
            }

            @Override
            public void unreadable(String aggregateId, String payloadType, String reason) {
                audit.unreadable(aggregateId, payloadType, reason);
            }
        });
        BalanceSheetReport report = audit.report();
        log.info("Balance-sheet audit: {} accounts, {} events in {} ms, {} mismatches; totals {}", report.accounts(),
                report.eventsRead(), (System.nanoTime() - started) / 1_000_000, report.mismatches(), report.totals());
        return report;
    }

    /** What a replay feeds. */
    private interface Audit {
        void accept(String aggregateId, Object payload);

        void unreadable(String aggregateId, String payloadType, String reason);
    }

    private long replay(PricingAudit audit) {
        return replay(new Audit() {
            @Override
            public void accept(String aggregateId, Object payload) {
                audit.accept(aggregateId, payload);
            }

            @Override
            public void unreadable(String aggregateId, String payloadType, String reason) {
                audit.unreadable(aggregateId, payloadType, reason);
            }
        });
    }

    /** Feeds every event to the audit; answers how many rows were skipped as not ours. */
    private long replay(Audit audit) {
        long[] skipped = {0};
        try (StoredEvents events = new StoredEvents(this::fetchInOrder, FETCH_SIZE)) {
            events.forEach(event -> {
                if (!feed(audit, event)) {
                    skipped[0]++;
                }
            });
        }
        return skipped[0];
    }

    private void fetchInOrder(StoredEvents.Sink sink) throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement statement = connection.prepareStatement(EVENTS_IN_ORDER,
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                // binary from the first execution: bytea as raw bytes, not hex text twice the size
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(new StoredEvents.StoredEvent(rows.getString(1), rows.getString(2),
                                rows.getBytes(3)));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private boolean feed(Audit audit, StoredEvents.StoredEvent event) {
        Optional<ObjectReader> reader = readers.computeIfAbsent(event.payloadType(), this::readerFor);
        if (reader.isEmpty()) {
            return false;
        }
        try {
            audit.accept(event.aggregateId(), reader.get().readValue(event.payload()));
        } catch (IOException e) {
            audit.unreadable(event.aggregateId(), event.payloadType(), abbreviated(e.getMessage()));
        }
        return true;
    }

    private Optional<ObjectReader> readerFor(String payloadType) {
        if (!payloadType.startsWith(CONTRACT_PACKAGE)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readerFor(Class.forName(payloadType, false, getClass().getClassLoader())));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String abbreviated(String message) {
        String firstLine = message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
        return firstLine.length() <= 200 ? firstLine : firstLine.substring(0, 200) + "…";
    }
}
