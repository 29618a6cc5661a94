package dev.lnjobs.server.lightning;

import dev.lnjobs.sagas.lightning.PaymentWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the payment watcher on a fixed delay; one slow sweep never overlaps the next. */
@Component
class PaymentWatcherSchedule {

    private static final Logger log = LoggerFactory.getLogger(PaymentWatcherSchedule.class);

    private final PaymentWatcher watcher;

    PaymentWatcherSchedule(PaymentWatcher watcher) {
        this.watcher = watcher;
    }

    @Scheduled(fixedDelayString = "${lnjobs.lightning.watcher-interval}", initialDelayString = "PT2S")
    void sweep() {
        try {
            watcher.pollOnce();
        } catch (RuntimeException e) {
            log.warn("Payment watcher sweep failed: {}", e.toString());
        }
    }
}
