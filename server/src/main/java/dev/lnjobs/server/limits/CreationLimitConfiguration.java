package dev.lnjobs.server.limits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

import javax.sql.DataSource;
import java.time.Clock;

/** The creation limits' buckets, and the deletion of those that are full again (every node; rows are skipped when
 * another node holds them). */
@Configuration(proxyBeanMethods = false)
class CreationLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CreationLimitConfiguration.class);

    @Bean
    CreationLimits creationLimits(DataSource dataSource, Clock clock, CreationLimitProperties settings) {
        log.info("Creation limits per client address and hour: {} jobs, {} sessions, {} bootstraps, {} demo "
                        + "requests ({} for all clients); 0 is none", settings.jobsPerHour(),
                settings.sessionsPerHour(), settings.bootstrapsPerHour(), settings.demoPerHour(),
                settings.demoTotalPerHour());
        return new CreationLimits(dataSource, clock);
    }

    @Bean
    FullBucketCleanup fullBucketCleanup(CreationLimits limits) {
        return new FullBucketCleanup(limits);
    }

    record FullBucketCleanup(CreationLimits limits) {

        @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
        void forgetFullBuckets() {
            limits.forgetFullBuckets();
        }
    }
}
