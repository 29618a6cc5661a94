package dev.lnjobs.api.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal as the client gets it (RFC 9457): type URI, HTTP status, title, detail and the figures the client
 * acts on. Plain data, so it crosses nodes as the details of a {@code CommandExecutionException}: the HTTP answer
 * is rebuilt from it alone, whichever node ran the command.
 */
public record Problem(String type, int status, String title, String detail, Map<String, Object> properties) {

    public Problem {
        // insertion order is the order of the members in the answer; values may be null
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
