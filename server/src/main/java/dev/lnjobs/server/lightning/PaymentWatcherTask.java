package dev.lnjobs.server.lightning;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.lnjobs.sagas.lightning.PaymentWatcher;
import dev.lnjobs.server.config.LightningProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the payment watcher as a db-scheduler recurring task: a row in {@code scheduled_tasks}, so across a cluster
 * exactly one node sweeps at a time, and a sweep never overlaps the next.
 */
@Configuration(proxyBeanMethods = false)
class PaymentWatcherTask {

    private static final Logger log = LoggerFactory.getLogger(PaymentWatcherTask.class);

    @Bean
    RecurringTask<Void> paymentWatcherSweep(PaymentWatcher watcher, LightningProperties lightning) {
        return Tasks.recurring("payment-watcher", FixedDelay.of(lightning.watcherInterval()))
                .execute((instance, context) -> {
                    try {
                        watcher.pollOnce();
                    } catch (RuntimeException e) {
                        log.warn("Payment watcher sweep failed: {}", e.toString());
                    }
                });
    }
}
