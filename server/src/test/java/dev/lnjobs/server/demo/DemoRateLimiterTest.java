package dev.lnjobs.server.demo;

import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo limit is one count in PostgreSQL, so two nodes together still allow five requests an hour. */
class DemoRateLimiterTest extends ServerTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void two_nodes_share_one_limit_per_client_and_hour() {
        Clock at = Clock.fixed(Instant.parse("2026-11-25T10:45:00Z"), ZoneOffset.UTC);
        DemoRateLimiter nodeA = new DemoRateLimiter(jdbc, at, 5);
        DemoRateLimiter nodeB = new DemoRateLimiter(jdbc, at, 5);
        String client = "198.51.100.7";

        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? nodeA : nodeB).tryAcquire(client)).isEmpty();
        }

        assertThat(nodeA.tryAcquire(client)).contains(Duration.ofMinutes(15));
        assertThat(nodeB.tryAcquire(client)).contains(Duration.ofMinutes(15));
        assertThat(nodeA.tryAcquire("198.51.100.8")).isEmpty();
        Clock nextHour = Clock.fixed(Instant.parse("2026-11-25T11:00:01Z"), ZoneOffset.UTC);
        assertThat(new DemoRateLimiter(jdbc, nextHour, 5).tryAcquire(client)).isEmpty();
    }
}
