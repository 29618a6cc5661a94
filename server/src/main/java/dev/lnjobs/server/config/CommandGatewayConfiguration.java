package dev.lnjobs.server.config;

import dev.lnjobs.server.axon.ConcurrencyRetryScheduler;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The gateway every controller and saga sends through: Axon's default, plus the retry of lost appends. */
@Configuration(proxyBeanMethods = false)
class CommandGatewayConfiguration {

    static final int MAX_RETRIES = 5;
    static final Duration MAX_RETRY_DELAY = Duration.ofMillis(100);

    @Bean
    ConcurrencyRetryScheduler concurrencyRetryScheduler() {
        return ConcurrencyRetryScheduler.withOwnThread(MAX_RETRIES, MAX_RETRY_DELAY);
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ConcurrencyRetryScheduler retryScheduler) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retryScheduler).build();
    }
}
