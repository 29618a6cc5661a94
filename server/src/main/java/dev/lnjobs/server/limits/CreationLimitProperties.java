package dev.lnjobs.server.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Creations allowed per client address (IPv6 per /64) and hour, each {@code 0} for no limit: jobs, sessions, node
 * bootstraps and free demo requests; {@code demoTotalPerHour} caps the demo for all clients together.
 */
@ConfigurationProperties("lnjobs.limits")
public record CreationLimitProperties(int jobsPerHour, int sessionsPerHour, int bootstrapsPerHour, int demoPerHour,
                                      int demoTotalPerHour) {

    public CreationLimitProperties {
        for (int limit : new int[]{jobsPerHour, sessionsPerHour, bootstrapsPerHour, demoPerHour, demoTotalPerHour}) {
            if (limit < 0) {
                throw new IllegalArgumentException("creation limits are counts per hour, 0 for none; got " + limit);
            }
        }
    }
}
