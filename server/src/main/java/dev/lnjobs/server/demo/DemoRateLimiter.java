package dev.lnjobs.server.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The demo's limit, held in PostgreSQL so that it holds across every node: a counter per client address and clock
 * hour, incremented atomically by the upsert (a fixed window: at most twice the limit can land around the turn of
 * an hour).
 */
@Component
class DemoRateLimiter {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int requestsPerHour;

    DemoRateLimiter(JdbcTemplate jdbc, Clock clock, @Value("${lnjobs.demo.requests-per-hour}") int requestsPerHour) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.requestsPerHour = requestsPerHour;
    }

    /** Counts one request; answers how long to wait when it is over the limit, empty when it may go ahead. */
    Optional<Duration> tryAcquire(String client) {
        Instant now = clock.instant();
        Instant window = now.truncatedTo(ChronoUnit.HOURS);
        Integer requests = jdbc.queryForObject("INSERT INTO demo_rate_limit (client, window_start, requests) "
                + "VALUES (?, ?, 1) ON CONFLICT (client, window_start) "
                + "DO UPDATE SET requests = demo_rate_limit.requests + 1 RETURNING requests",
                Integer.class, client, Timestamp.from(window));
        if (requests != null && requests > requestsPerHour) {
            return Optional.of(Duration.between(now, window.plus(1, ChronoUnit.HOURS)));
        }
        return Optional.empty();
    }

    int requestsPerHour() {
        return requestsPerHour;
    }

    /** Old windows are of no use to anyone. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void forgetOldWindows() {
        jdbc.update("DELETE FROM demo_rate_limit WHERE window_start < ?",
                Timestamp.from(clock.instant().minus(2, ChronoUnit.HOURS)));
    }
}
