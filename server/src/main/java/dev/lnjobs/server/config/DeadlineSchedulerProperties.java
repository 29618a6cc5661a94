package dev.lnjobs.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** db-scheduler, which runs every Axon deadline: how often it polls, with how many threads. */
@ConfigurationProperties("db-scheduler")
public record DeadlineSchedulerProperties(int threads, Duration pollingInterval, boolean immediateExecutionEnabled) {
}
