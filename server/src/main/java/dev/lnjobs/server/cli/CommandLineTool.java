package dev.lnjobs.server.cli;

import java.io.PrintStream;

/**
 * A tool of the jar, run as {@code java -jar server.jar NAME [arguments...]} instead of the server. Its result goes
 * to {@code out}, its complaints to {@code err}; it answers the process's exit code. Registered in
 * {@link CommandLineTools}.
 */
public interface CommandLineTool {

    /** The first argument that selects this tool, e.g. {@code audit-pricing}. */
    String name();

    /** Runs with the arguments after the name; answers the exit code. */
    int run(PrintStream out, PrintStream err, String... args);
}
