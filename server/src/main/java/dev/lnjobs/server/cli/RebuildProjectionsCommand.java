package dev.lnjobs.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lnjobs.server.projection.ProjectionRebuild;
import org.axonframework.common.DateTimeUtils;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar server.jar rebuild-projections [--spring.property=value ...]}: every read model dropped and
 * rebuilt from the event store (see {@link ProjectionRebuild}) with the server stopped. A running server is the
 * admin route's job ({@code POST /api/admin/projections/rebuild}): this refuses while any node holds processor
 * claims it renewed lately. The result goes to stdout as JSON, logs to stderr.
 * Exit code: 0 rebuilt, 2 failed (nothing changed), 3 a server is running.
 */
public final class RebuildProjectionsCommand {

    public static final String NAME = "rebuild-projections";
    public static final int REBUILT = 0;
    public static final int FAILED = 2;
    public static final int SERVER_RUNNING = 3;
    /** A live node renews its claims every few seconds; one silent for this long has stopped (or crashed). */
    static final Duration LIVE_CLAIM = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RebuildProjectionsCommand() {
    }

    public static boolean isRequested(String... args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** Runs the rebuild with the arguments after the command name as Spring properties; answers the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        String[] properties = Arrays.copyOfRange(args, isRequested(args) ? 1 : 0, args.length);
        SpringApplicationBuilder application = new SpringApplicationBuilder(RebuildCommandLineContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.config=classpath:audit-logback.xml");
        try (ConfigurableApplicationContext context = application.run(properties)) {
            List<String> live = liveClaims(context.getBean(JdbcTemplate.class));
            if (!live.isEmpty()) {
                err.println(NAME + ": a server is running on this database (processor claims renewed within "
                        + LIVE_CLAIM.toSeconds() + " s by " + String.join(", ", live) + "). Stop it first, or "
                        + "rebuild through it: POST /api/admin/projections/rebuild with the admin token.");
                return SERVER_RUNNING;
            }
            ProjectionRebuild.Result result = context.getBean(ProjectionRebuild.class).rebuild();
            out.println(JSON.writeValueAsString(result));
            out.flush();
            return REBUILT;
        } catch (RuntimeException | IOException e) {
            err.println(NAME + ": " + NestedExceptionUtils.getMostSpecificCause(e) + " (nothing was changed)");
            return FAILED;
        }
    }

    /** The owners of claims renewed lately (token_entry's timestamp is Axon's ISO-8601 text). */
    static List<String> liveClaims(JdbcTemplate jdbc) {
        Instant since = Instant.now().minus(LIVE_CLAIM);
        return jdbc.query("SELECT owner, timestamp FROM token_entry WHERE owner IS NOT NULL", (rows, n) ->
                        DateTimeUtils.parseInstant(rows.getString("timestamp")).isAfter(since)
                                ? rows.getString("owner") : null).stream()
                .filter(java.util.Objects::nonNull).distinct().sorted().toList();
    }
}
