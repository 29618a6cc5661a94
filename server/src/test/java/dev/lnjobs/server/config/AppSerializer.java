package dev.lnjobs.server.config;

import org.axonframework.serialization.Serializer;

/** The server's own Axon serializer, for tests outside this package. */
public final class AppSerializer {

    private AppSerializer() {
    }

    public static Serializer messageSerializer() {
        return AxonConfiguration.messageSerializer();
    }
}
