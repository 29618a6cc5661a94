package dev.lnjobs.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lnjobs.server.audit.EventStoreReader;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An audit by replay against the server's database without starting the server: the report goes to stdout as JSON,
 * logs to stderr. Exit code: 0 clean, 1 mismatches, 2 the store could not be read.
 */
abstract class ReplayAuditCommand<R> implements CommandLineTool {

    public static final int CLEAN = 0;
    public static final int MISMATCHES = 1;
    public static final int FAILED = 2;

    private static final String UNDEFINED_TABLE = "42P01";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Function<EventStoreReader, R> audit;
    private final Predicate<R> clean;

    ReplayAuditCommand(Function<EventStoreReader, R> audit, Predicate<R> clean) {
        this.audit = audit;
        this.clean = clean;
    }

    /** Runs the audit with the arguments as Spring properties; answers the exit code. */
    @Override
    public int run(PrintStream out, PrintStream err, String... properties) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(AuditCommandLineContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.config=classpath:audit-logback.xml");
        try (ConfigurableApplicationContext context = application.run(properties)) {
            R result = audit.apply(context.getBean(EventStoreReader.class));
            out.println(JSON.writeValueAsString(result));
            out.flush();
            return clean.test(result) ? CLEAN : MISMATCHES;
        } catch (RuntimeException | JsonProcessingException e) {
            err.println(name() + ": " + reason(e));
            return FAILED;
        }
    }

    private static String reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNDEFINED_TABLE.equals(sql.getSQLState())) {
                return "no event store in this database (table domain_event_entry is missing): "
                        + "is DATABASE_URL the server's, and has the server run against it once?";
            }
        }
        return NestedExceptionUtils.getMostSpecificCause(e).toString();
    }
}
