package dev.lnjobs.command;

import dev.lnjobs.command.bootstrap.BootstrapAggregates;
import dev.lnjobs.command.job.JobAggregates;
import dev.lnjobs.command.session.SessionAggregates;
import org.axonframework.config.Configurer;

/** Registers this module's aggregates, which stay package-private so only commands reach them. */
public final class CommandSide {

    private CommandSide() {
    }

    public static void configure(Configurer configurer) {
        JobAggregates.configure(configurer);
        SessionAggregates.configure(configurer);
        BootstrapAggregates.configure(configurer);
    }
}
