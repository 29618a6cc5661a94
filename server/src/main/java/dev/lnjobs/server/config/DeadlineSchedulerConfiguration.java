package dev.lnjobs.server.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.util.List;

/**
 * The db-scheduler that persists Axon's deadlines (and runs the recurring payment watcher) in
 * {@code scheduled_tasks}; Axon's auto-configuration supplies
 * the deadline task and the DeadlineManager on top of it. Built here instead of by db-scheduler's Spring Boot
 * starter because Axon 4.12 needs db-scheduler 14, for which no starter is published (see the root pom).
 */
@Configuration(proxyBeanMethods = false)
class DeadlineSchedulerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSchedulerConfiguration.class);

    /** Scheduling joins the caller's transaction, so a deadline exists exactly when the saga state that set it does. */
    @Bean(destroyMethod = "")
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, DeadlineSchedulerProperties properties) {
        // recurring tasks (the payment watcher) are given as start tasks, which db-scheduler also registers as known
        List<Task<?>> known = tasks.stream().filter(task -> !(task instanceof OnStartup)).toList();
        SchedulerBuilder builder = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), known)
                .threads(properties.threads())
                .pollingInterval(properties.pollingInterval());
        // scheduled at start; exactly one node runs each execution
        builder.startTasks(tasks.stream().filter(OnStartup.class::isInstance)
                .map(task -> (RecurringTask<?>) task).toList());
        if (properties.immediateExecutionEnabled()) {
            builder.enableImmediateExecution();
        }
        return builder.build();
    }

    /** Runs deadlines only once Axon is fully up, and stops before Axon does. */
    @Bean
    DeadlineSchedulerLifecycle deadlineSchedulerLifecycle(Scheduler scheduler) {
        return new DeadlineSchedulerLifecycle(scheduler);
    }

    static final class DeadlineSchedulerLifecycle {

        private final Scheduler scheduler;

        DeadlineSchedulerLifecycle(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @EventListener(ApplicationReadyEvent.class)
        void start() {
            log.info("Deadline scheduler starting");
            scheduler.start();
        }

        @EventListener(ContextClosedEvent.class)
        void stop() {
            scheduler.stop();
        }
    }
}
