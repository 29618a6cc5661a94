package dev.lnjobs.command.session;

/** Names the package-private {@link Session} aggregate for registration; only commands reach it. */
public final class SessionAggregates {

    private SessionAggregates() {
    }

    public static Class<?> type() {
        return Session.class;
    }
}
