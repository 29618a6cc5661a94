package dev.lnjobs.server.limits;

import dev.lnjobs.server.support.MovableClock;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo limit is one bucket in PostgreSQL, so two nodes together still allow five requests an hour. */
class CreationLimitsTest extends ServerTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void two_nodes_share_one_limit_per_client_and_hour() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-25T10:45:00Z"));
        CreationLimits nodeA = new CreationLimits(dataSource, clock);
        CreationLimits nodeB = new CreationLimits(dataSource, clock);
        String client = "demo|198.51.100.7";

        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? nodeA : nodeB).tryAcquire(client, 5)).isEmpty();
        }

        // five an hour come back one every twelve minutes
        assertThat(nodeA.tryAcquire(client, 5)).contains(Duration.ofMinutes(12));
        assertThat(nodeB.tryAcquire(client, 5)).contains(Duration.ofMinutes(12));
        assertThat(nodeA.tryAcquire("demo|198.51.100.8", 5)).isEmpty();
        clock.advance(Duration.ofMinutes(11));
        assertThat(nodeB.tryAcquire(client, 5)).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(nodeB.tryAcquire(client, 5)).isEmpty();
        assertThat(nodeA.tryAcquire(client, 5)).isPresent();
    }

    @Test
    void a_token_given_back_can_be_taken_again() {
        CreationLimits limits = new CreationLimits(dataSource, new MovableClock(Instant.parse("2026-11-25T10:00:00Z")));
        String client = "demo|198.51.100.9";
        assertThat(limits.tryAcquire(client, 1)).isEmpty();
        assertThat(limits.tryAcquire(client, 1)).isPresent();

        limits.giveBack(client, 1);

        assertThat(limits.tryAcquire(client, 1)).isEmpty();
        assertThat(limits.tryAcquire(client, 1)).isPresent();
    }
}
