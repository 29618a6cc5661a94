package dev.lnjobs.server.compat;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.session.RequestCost;
import dev.lnjobs.api.session.SessionEvents.FundsReserved;
import dev.lnjobs.server.config.AppSerializer;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A FundsReserved stored before streamed calls existed reads as a request the saga runs itself. */
class StreamedFlagCompatibilityTest {

    @Test
    void an_event_stored_without_the_streamed_flag_reads_as_not_streamed() {
        Serializer serializer = AppSerializer.messageSerializer();
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        BtcPrice price = new BtcPrice(new BigDecimal("100000"), BtcPrice.Source.FALLBACK, now, 0);
        RequestCost estimate = new RequestCost("claude-haiku-4-5", new TokenUsage(5, 200), BigDecimal.ONE,
                "claude-sonnet-4-6", new TokenUsage(5, 200), BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.TEN, 131,
                price);
        FundsReserved streamed = new FundsReserved("s", "r", "text", estimate, 131, now, true);
        SerializedObject<String> stored = serializer.serialize(streamed, String.class);
        String withoutFlag = stored.getData().replace(",\"streamed\":true", "");
        assertThat(withoutFlag).doesNotContain("streamed");

        FundsReserved old = serializer.deserialize(new SimpleSerializedObject<>(withoutFlag, String.class,
                stored.getType()));
        assertThat(old.streamed()).isFalse();
        assertThat(old.reservedSats()).isEqualTo(131);
        assertThat(serializer.<String, FundsReserved>deserialize(stored).streamed()).isTrue();
    }
}
