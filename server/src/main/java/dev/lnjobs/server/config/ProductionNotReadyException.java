package dev.lnjobs.server.config;

import java.util.List;

/** Production was asked for and these settings are missing or would run a stub or a development key. */
public class ProductionNotReadyException extends IllegalStateException {

    private final List<String> missing;

    ProductionNotReadyException(List<String> missing) {
        super("PRODUCTION is set but the server would run on stubs or development keys; set: "
                + String.join("; ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
