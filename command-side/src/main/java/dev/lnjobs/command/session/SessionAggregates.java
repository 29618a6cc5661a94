package dev.lnjobs.command.session;

import org.axonframework.config.Configurer;

/** Registration of the package-private {@link Session} aggregate. */
public final class SessionAggregates {

    private SessionAggregates() {
    }

    public static void configure(Configurer configurer) {
        configurer.configureAggregate(Session.class);
    }
}
