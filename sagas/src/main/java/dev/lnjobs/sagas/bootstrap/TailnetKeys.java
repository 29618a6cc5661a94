package dev.lnjobs.sagas.bootstrap;

import java.util.List;

/** Mints one-off, pre-authorised keys so a new node joins the tailnet without anyone logging in on it. */
public interface TailnetKeys {

    /**
     * Answers the auth key ({@code tskey-auth-…}), single use and short-lived. {@code tags} (each {@code tag:…})
     * become the node's identity; throws {@link CloudException} when the tailnet refuses.
     */
    String createAuthKey(String description, List<String> tags);
}
