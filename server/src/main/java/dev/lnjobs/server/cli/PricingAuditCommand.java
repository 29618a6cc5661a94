package dev.lnjobs.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lnjobs.server.audit.EventStoreReader;
import dev.lnjobs.server.audit.PricingAuditResult;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import java.io.PrintStream;
import java.sql.SQLException;

/**
 * {@code java -jar server.jar audit-pricing [--spring.property=value ...]}: the pricing audit against the
 * server's database without starting the server. The report goes to stdout as JSON, logs to stderr.
 * Exit code: 0 no mismatches, 1 mismatches, 2 the store could not be read.
 */
final class PricingAuditCommand implements CommandLineTool {

    public static final String NAME = "audit-pricing";
    public static final int CLEAN = 0;
    public static final int MISMATCHES = 1;
    public static final int FAILED = 2;

    private static final String UNDEFINED_TABLE = "42P01";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return NAME;
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
            PricingAuditResult result = context.getBean(EventStoreReader.class).auditPricing();
            out.println(JSON.writeValueAsString(result));
            out.flush();
            return result.mismatchCount() == 0 ? CLEAN : MISMATCHES;
        } catch (RuntimeException | JsonProcessingException e) {
            err.println(NAME + ": " + reason(e));
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
