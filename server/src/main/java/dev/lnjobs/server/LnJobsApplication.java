package dev.lnjobs.server;

import dev.lnjobs.server.audit.PricingAuditCommand;
import dev.lnjobs.server.cli.DeployHookCommand;
import dev.lnjobs.server.cli.RebuildProjectionsCommand;
import dev.lnjobs.server.store.AppendRateCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication(scanBasePackages = {"dev.lnjobs.server", "dev.lnjobs.query"})
@EntityScan("dev.lnjobs.query")
@EnableJpaRepositories("dev.lnjobs.query")
@ConfigurationPropertiesScan("dev.lnjobs.server")
@EnableScheduling
public class LnJobsApplication {

    public static void main(String[] args) {
        if (PricingAuditCommand.isRequested(args)) {
            System.exit(PricingAuditCommand.run(System.out, System.err, args));
        }
        if (AppendRateCommand.isRequested(args)) {
            System.exit(AppendRateCommand.run(System.out, System.err, args));
        }
        if (DeployHookCommand.isRequested(args)) {
            System.exit(DeployHookCommand.run(System.out, System.err, args));
        }
        if (RebuildProjectionsCommand.isRequested(args)) {
            System.exit(RebuildProjectionsCommand.run(System.out, System.err, args));
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
