package dev.lnjobs.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of a command line tool of the jar (audit-pricing, append-rate), in-process, its output captured. */
public record CommandLineRun(int exitCode, String stdout, String stderr) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tool's entry point: {@code run(out, err, args)} answering the exit code. */
    @FunctionalInterface
    public interface Tool {
        int run(PrintStream out, PrintStream err, String... args);
    }

    /** Runs {@code name} with the options after it, as {@code java -jar server.jar name options...} would. */
    public static CommandLineRun of(Tool tool, String name, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[options.length + 1];
        args[0] = name;
        System.arraycopy(options, 0, args, 1, options.length);
        int exitCode = tool.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new CommandLineRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public JsonNode json() throws IOException {
        return JSON.readTree(stdout);
    }
}
