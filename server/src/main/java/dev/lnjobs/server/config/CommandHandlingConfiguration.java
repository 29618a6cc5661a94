package dev.lnjobs.server.config;

import dev.lnjobs.command.RuleViolationTranslator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every command handler runs inside; Axon's auto-configuration registers it with the command bus. */
@Configuration(proxyBeanMethods = false)
class CommandHandlingConfiguration {

    @Bean
    RuleViolationTranslator ruleViolationTranslator() {
        return new RuleViolationTranslator();
    }
}
