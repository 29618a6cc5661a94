package dev.lnjobs.server.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The jar's command-line tools, which {@code LnJobsApplication.main} consults before it starts the server: when the
 * first argument names one, that tool runs and its exit code ends the process. A new tool is a class of this
 * package and one line here.
 */
public final class CommandLineTools {

    /** The exit code when the first argument names no tool. */
    public static final int UNKNOWN_TOOL = 2;

    private static final List<CommandLineTool> TOOLS = List.of(
            new PricingAuditCommand(),
            new LedgerAuditCommand(),
            new AppendRateCommand(),
            new StaticTool(DeployHookCommand.NAME, DeployHookCommand::run),
            new StaticTool(RebuildProjectionsCommand.NAME, RebuildProjectionsCommand::run));

    /** A tool written as a static {@code run(out, err, args)}. */
    private record StaticTool(String name, Runner runner) implements CommandLineTool {

        interface Runner {
            int run(PrintStream out, PrintStream err, String... args);
        }

        @Override
        public int run(PrintStream out, PrintStream err, String... args) {
            return runner.run(out, err, args);
        }
    }

    private CommandLineTools() {
    }

    /** The tool the first argument names, if it names one; otherwise the arguments are the server's. */
    public static Optional<CommandLineTool> requested(String... args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        return TOOLS.stream().filter(tool -> tool.name().equals(args[0])).findFirst();
    }

    /** Runs the tool {@code args[0]} names with the arguments after it; answers its exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Optional<CommandLineTool> tool = requested(args);
        if (tool.isEmpty()) {
            err.println("no such tool: " + (args.length == 0 ? "(none)" : args[0]) + "; the tools are "
                    + TOOLS.stream().map(CommandLineTool::name).toList());
            return UNKNOWN_TOOL;
        }
        return tool.get().run(out, err, Arrays.copyOfRange(args, 1, args.length));
    }
}
