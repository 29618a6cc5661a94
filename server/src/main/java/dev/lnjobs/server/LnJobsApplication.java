package dev.lnjobs.server;

import dev.lnjobs.server.cli.CommandLineTools;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.observation.web.servlet.WebMvcObservationAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.scheduling.annotation.EnableScheduling;

// http.server.requests is recorded by dev.lnjobs.server.web.HttpRequestMetricsFilter: Spring's observation filter
// cost 7-8 % of the request threads' CPU for the same meter
@SpringBootApplication(scanBasePackages = {"dev.lnjobs.server", "dev.lnjobs.query"},
        exclude = WebMvcObservationAutoConfiguration.class)
@EntityScan("dev.lnjobs.query")
@EnableJpaRepositories("dev.lnjobs.query")
@ConfigurationPropertiesScan("dev.lnjobs.server")
@EnableScheduling
public class LnJobsApplication {

    public static void main(String[] args) {
        // java -jar server.jar audit-pricing ... runs that tool (dev.lnjobs.server.cli) instead of the server
        if (CommandLineTools.requested(args).isPresent()) {
            System.exit(CommandLineTools.run(System.out, System.err, args));
        }
        run(args);
    }

    public static org.springframework.context.ConfigurableApplicationContext run(String... args) {
        // Axon's update checker reports to a third party; a payment service does not talk to anyone unasked.
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        System.setProperty("disable-axoniq-console-message", "true");
        return SpringApplication.run(LnJobsApplication.class, args);
    }
}
