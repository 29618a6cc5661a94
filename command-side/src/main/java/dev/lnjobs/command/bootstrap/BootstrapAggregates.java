package dev.lnjobs.command.bootstrap;

/** Names the package-private {@link BootstrapJob} aggregate for registration; only commands reach it. */
public final class BootstrapAggregates {

    private BootstrapAggregates() {
    }

    public static Class<?> type() {
        return BootstrapJob.class;
    }
}
