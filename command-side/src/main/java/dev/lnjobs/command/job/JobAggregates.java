package dev.lnjobs.command.job;

/** Names the package-private {@link Job} aggregate for registration; only commands reach it. */
public final class JobAggregates {

    private JobAggregates() {
    }

    public static Class<?> type() {
        return Job.class;
    }
}
