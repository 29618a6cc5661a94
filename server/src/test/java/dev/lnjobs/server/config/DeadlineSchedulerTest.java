package dev.lnjobs.server.config;

import dev.lnjobs.server.support.ServerTest;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deadlines are rows in scheduled_tasks, so they survive a restart. Guards the db-scheduler version Axon's
 * DbSchedulerDeadlineManager is binary-compatible with: with db-scheduler 15 scheduling threw NoSuchMethodError,
 * which a pooled processor swallows, leaving its transaction open and its segment stuck.
 */
class DeadlineSchedulerTest extends ServerTest {

    @Autowired
    private DeadlineManager deadlines;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void a_scheduled_deadline_is_a_row_until_it_is_cancelled() {
        Instant due = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        String id = deadlines.schedule(due, "probe", due, new SagaScopeDescriptor("SessionSaga", "saga-1"));

        assertThat(rowsAt(due)).isEqualTo(1);

        deadlines.cancelSchedule("probe", id);
        assertThat(rowsAt(due)).isZero();
    }

    private int rowsAt(Instant at) {
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE execution_time = ?",
                Integer.class, Timestamp.from(at));
        return rows == null ? 0 : rows;
    }
}
