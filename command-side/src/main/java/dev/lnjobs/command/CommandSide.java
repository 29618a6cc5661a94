package dev.lnjobs.command;

import dev.lnjobs.command.bootstrap.BootstrapAggregates;
import dev.lnjobs.command.job.JobAggregates;
import dev.lnjobs.command.session.SessionAggregates;

import java.util.List;

/** This module's aggregates, which stay package-private so only commands reach them; the server registers them. */
public final class CommandSide {

    private CommandSide() {
    }

    public static List<Class<?>> aggregateTypes() {
        return List.of(JobAggregates.type(), SessionAggregates.type(), BootstrapAggregates.type());
    }
}
