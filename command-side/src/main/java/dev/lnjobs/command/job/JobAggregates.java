package dev.lnjobs.command.job;

import org.axonframework.config.Configurer;

/** Registration of the package-private {@link Job} aggregate. */
public final class JobAggregates {

    private JobAggregates() {
    }

    public static void configure(Configurer configurer) {
        configurer.configureAggregate(Job.class);
    }
}
