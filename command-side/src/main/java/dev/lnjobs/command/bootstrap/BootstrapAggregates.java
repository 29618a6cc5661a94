package dev.lnjobs.command.bootstrap;

import org.axonframework.config.Configurer;

/** Registration of the package-private {@link BootstrapJob} aggregate. */
public final class BootstrapAggregates {

    private BootstrapAggregates() {
    }

    public static void configure(Configurer configurer) {
        configurer.configureAggregate(BootstrapJob.class);
    }
}
