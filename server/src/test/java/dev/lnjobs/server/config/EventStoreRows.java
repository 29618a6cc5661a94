package dev.lnjobs.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.server.audit.EventStoreReader;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A migrated database without the server, and event rows written as Axon's JDBC engine writes them: JSON bytea
 * made by the mapper Axon serializes with, the payload's class name as its type.
 */
public final class EventStoreRows {

    private static final String INSERT = "INSERT INTO domain_event_entry (aggregate_identifier, "
            + "sequence_number, type, event_identifier, meta_data, payload, payload_type, time_stamp) "
            + "VALUES (?, ?, 'Job', ?, ?, ?, ?, ?)";
    private static final byte[] NO_META_DATA = "{}".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = AxonConfiguration.messageObjectMapper();

    private EventStoreRows() {
    }

    public record Row(String aggregateId, long sequenceNumber, Object payload) {
    }

    public static DataSource migrated(String jdbcUrl) {
        DataSource dataSource = dataSource(jdbcUrl);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    public static DataSource dataSource(String jdbcUrl) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setReWriteBatchedInserts(true);
        return dataSource;
    }

    /** The reader as the server and the command line wire it. */
    public static EventStoreReader reader(DataSource dataSource) {
        return new AuditConfiguration().eventStoreReader(dataSource);
    }

    /** A row as someone other than Axon might have written it: any type name, any bytes. */
    public static void appendRaw(DataSource dataSource, String aggregateId, long sequenceNumber, String payloadType,
                                 String payload) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, aggregateId, sequenceNumber, payload.getBytes(StandardCharsets.UTF_8), payloadType);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void append(DataSource dataSource, List<Row> rows) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(false);
            int batched = 0;
            for (Row row : rows) {
                bind(insert, row.aggregateId(), row.sequenceNumber(), JSON.writeValueAsBytes(row.payload()),
                        row.payload().getClass().getName());
                insert.addBatch();
                if (++batched % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement insert, String aggregateId, long sequenceNumber, byte[] payload,
                             String payloadType) throws SQLException {
        insert.setString(1, aggregateId);
        insert.setLong(2, sequenceNumber);
        insert.setString(3, UUID.randomUUID().toString());
        insert.setBytes(4, NO_META_DATA);
        insert.setBytes(5, payload);
        insert.setString(6, payloadType);
        insert.setString(7, Instant.now().toString());
    }
}
