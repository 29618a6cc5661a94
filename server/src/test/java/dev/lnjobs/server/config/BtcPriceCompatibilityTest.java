package dev.lnjobs.server.config;

import dev.lnjobs.api.pricing.BtcPrice;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Events recorded before a price carried its age still read, with age 0; new ones keep theirs. */
class BtcPriceCompatibilityTest {

    @Test
    void a_price_recorded_without_an_age_reads_as_age_zero() throws Exception {
        BtcPrice old = AxonConfiguration.messageObjectMapper().readValue(
                "{\"usd\":97123.45,\"source\":\"CACHED\",\"observedAt\":\"2026-11-25T12:00:00Z\"}", BtcPrice.class);

        assertThat(old).isEqualTo(new BtcPrice(new BigDecimal("97123.45"), BtcPrice.Source.CACHED,
                Instant.parse("2026-11-25T12:00:00Z"), 0));
    }

    @Test
    void a_price_keeps_its_age_through_the_message_serializer() throws Exception {
        BtcPrice aged = new BtcPrice(new BigDecimal("97123.45"), BtcPrice.Source.CACHED,
                Instant.parse("2026-11-25T12:00:00Z"), 1234);
        var json = AxonConfiguration.messageObjectMapper();

        assertThat(json.readValue(json.writeValueAsString(aged), BtcPrice.class)).isEqualTo(aged);
    }
}
