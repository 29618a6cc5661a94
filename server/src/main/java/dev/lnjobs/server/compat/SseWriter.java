package dev.lnjobs.server.compat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes server-sent events and flushes each. A client that went away is noted once and written to no more, but
 * is not an error: the model's call runs to its end so that it is settled at its actual cost.
 */
final class SseWriter {

    private static final Logger log = LoggerFactory.getLogger(SseWriter.class);

    private final OutputStream out;
    private boolean gone;

    SseWriter(OutputStream out) {
        this.out = out;
    }

    /** {@code event} may be null for a data-only event (OpenAI's chunks). */
    void send(String event, String data) {
        if (gone) {
            return;
        }
        String frame = (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
        try {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            gone = true;
            log.info("A streaming client went away ({}); the call still runs to its end and is settled",
                    e.getClass().getSimpleName());
        }
    }
}
