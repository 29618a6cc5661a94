package dev.lnjobs.server.config;

import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.infra.lightning.JdbcInvoiceCheckSchedule;
import dev.lnjobs.sagas.job.JobFlowSettings;
import dev.lnjobs.sagas.job.RefundFeeLimit;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.lightning.PaymentNotices;
import dev.lnjobs.sagas.lightning.PaymentWatcher;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** The settings and services the sagas and controllers share. */
@Configuration(proxyBeanMethods = false)
class FlowConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Tariff tariff(PricingProperties pricing) {
        return pricing.tariff();
    }

    @Bean
    JobFlowSettings jobFlowSettings(LightningProperties lightning, AiProperties ai, RetryProperties retry) {
        return new JobFlowSettings(lightning.invoiceExpiry(), ai.maxAttempts(), ai.firstRetryDelay(), retry.jitter());
    }

    @Bean
    RefundFeeLimit refundFeeLimit(LightningProperties lightning) {
        return lightning.refundFeeLimit();
    }

    @Bean
    PaymentNotices paymentNotices(LightningNode lightning, CommandGateway commands, QueryGateway queries,
                                  Clock clock) {
        return new PaymentNotices(lightning, commands, queries, clock);
    }

    @Bean
    PaymentWatcher paymentWatcher(JdbcTemplate jdbc, PaymentNotices notices, Clock clock,
                                  LightningProperties lightning) {
        return new PaymentWatcher(new JdbcInvoiceCheckSchedule(jdbc), notices, clock, lightning.watcherFirstDelay(),
                lightning.watcherMaxDelay(), 200);
    }
}
