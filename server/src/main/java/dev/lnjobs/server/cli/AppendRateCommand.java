package dev.lnjobs.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.server.store.AppendRate;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar server.jar append-rate [--threads=N] [--seconds=S] [--warmup-seconds=W] [--spring.property=value
 * ...]}: measures the event store's append rate on DATABASE_URL (which must hold no events yet; see
 * {@link AppendRate}), without starting the server. The figures go to stdout as JSON, logs to stderr. Exit code: 0
 * measured, 2 could not measure. Defaults: 16 threads, 3 seconds of warm-up, then 10 measured.
 */
final class AppendRateCommand implements CommandLineTool {

    public static final String NAME = "append-rate";
    public static final int MEASURED = 0;
    public static final int FAILED = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(PrintStream out, PrintStream err, String... args) {
        int threads = 16;
        Duration duration = Duration.ofSeconds(10);
        Duration warmup = Duration.ofSeconds(3);
        List<String> properties = new ArrayList<>();
        try {
            for (String arg : args) {
                if (arg.startsWith("--threads=")) {
                    threads = Integer.parseInt(arg.substring("--threads=".length()));
                } else if (arg.startsWith("--seconds=")) {
                    duration = Duration.ofSeconds(Long.parseLong(arg.substring("--seconds=".length())));
                } else if (arg.startsWith("--warmup-seconds=")) {
                    warmup = Duration.ofSeconds(Long.parseLong(arg.substring("--warmup-seconds=".length())));
                } else {
                    properties.add(arg);
                }
            }
        } catch (NumberFormatException e) {
            err.println(NAME + ": usage: " + NAME + " [--threads=N] [--seconds=S] [--spring.property=value ...]");
            return FAILED;
        }
        SpringApplicationBuilder application = new SpringApplicationBuilder(AppendRateCommandLineContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.config=classpath:audit-logback.xml",
                        "lnjobs.database.pool-size=" + threads); // a connection for every writer
        try (ConfigurableApplicationContext context = application.run(properties.toArray(String[]::new))) {
            AppendRate.Result result = context.getBean(AppendRate.class).measure(threads, warmup, duration);
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
            out.flush();
            return MEASURED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(NAME + ": interrupted");
            return FAILED;
        } catch (Exception e) {
            err.println(NAME + ": " + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            return FAILED;
        }
    }
}
