package dev.lnjobs.server.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.axonframework.common.DateTimeUtils.parseInstant;

/** Axon's event table read a page at a time in global order, as the messages the projections handled live. */
final class StoredEventMessages {

    private static final String PAGE = "SELECT global_index, type, aggregate_identifier, sequence_number, "
            + "event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data "
            + "FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?";

    /** One stored event with its place in the store. */
    record Stored(long globalIndex, DomainEventMessage<?> message) {
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    StoredEventMessages(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Up to {@code limit} events after global index {@code after}, in order. */
    List<Stored> after(long after, int limit) {
        return jdbc.query(PAGE, (rows, n) -> stored(rows), after, limit);
    }

    private Stored stored(ResultSet rows) throws SQLException {
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(rows.getBytes("payload"), byte[].class,
                rows.getString("payload_type"), rows.getString("payload_revision")));
        byte[] metaDataBytes = rows.getBytes("meta_data");
        MetaData metaData = metaDataBytes == null ? MetaData.emptyInstance()
                : serializer.deserialize(new SerializedMetaData<>(metaDataBytes, byte[].class));
        Instant timestamp = parseInstant(rows.getString("time_stamp"));
        return new Stored(rows.getLong("global_index"), new GenericDomainEventMessage<>(rows.getString("type"),
                rows.getString("aggregate_identifier"), rows.getLong("sequence_number"), payload, metaData,
                rows.getString("event_identifier"), timestamp));
    }
}
