package dev.lnjobs.server.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskWithDataDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Axon 4.12's DbSchedulerDeadlineManager was compiled against db-scheduler 13. Upgrading db-scheduler past the
 * methods it calls does not fail the build: every deadline fails at run time with NoSuchMethodError, and the
 * event processor that scheduled it is left holding an open transaction. This guards the pin in the root pom.
 */
class DbSchedulerCompatibilityTest {

    @Test
    void db_scheduler_still_has_every_method_axons_deadline_manager_calls() {
        assertThatNoException().isThrownBy(() -> {
            assertThat(TaskWithDataDescriptor.class.getMethod("instance", String.class, Object.class).getReturnType())
                    .isEqualTo(TaskInstance.class);
            Scheduler.class.getMethod("schedule", TaskInstance.class, Instant.class);
            Scheduler.class.getMethod("cancel", com.github.kagkarlsson.scheduler.task.TaskInstanceId.class);
            Scheduler.class.getMethod("fetchScheduledExecutionsForTask", String.class, Class.class,
                    java.util.function.Consumer.class);
            Tasks.OneTimeTaskBuilder.class.getConstructor(String.class, Class.class);
        });
    }
}
