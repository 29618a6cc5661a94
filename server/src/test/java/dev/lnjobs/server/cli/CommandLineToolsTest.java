package dev.lnjobs.server.cli;

import dev.lnjobs.server.support.CommandLineRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which arguments start a tool instead of the server; the tools themselves are tested one by one. */
class CommandLineToolsTest {

    @Test
    void the_first_argument_names_the_tool() {
        assertThat(CommandLineTools.requested("audit-pricing", "--lnjobs.database.url=jdbc:postgresql://h/db"))
                .get().isInstanceOf(PricingAuditCommand.class);
        assertThat(CommandLineTools.requested("append-rate", "--threads=4"))
                .get().isInstanceOf(AppendRateCommand.class);
    }

    @Test
    void the_servers_own_arguments_start_no_tool() {
        assertThat(CommandLineTools.requested()).isEmpty();
        assertThat(CommandLineTools.requested("--server.port=0", "audit-pricing")).isEmpty();
    }

    @Test
    void an_unknown_tool_exits_2_and_names_the_tools() {
        CommandLineRun run = CommandLineRun.of(CommandLineTools::run, "audit-everything");

        assertThat(run.exitCode()).isEqualTo(CommandLineTools.UNKNOWN_TOOL).isEqualTo(2);
        assertThat(run.stderr()).contains("no such tool: audit-everything").contains("audit-pricing", "append-rate");
        assertThat(run.stdout()).isEmpty();
    }
}
