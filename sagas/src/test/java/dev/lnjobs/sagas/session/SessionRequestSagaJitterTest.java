package dev.lnjobs.sagas.session;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.session.RequestCost;
import dev.lnjobs.api.session.SessionEvents.FundsReserved;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.sagas.ai.LanguageModelException;
import dev.lnjobs.sagas.pricing.PriceFeed;
import dev.lnjobs.sagas.retry.RetryPolicy;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** With jitter configured, a saga's retry waits its own share of it, drawn from its id. */
class SessionRequestSagaJitterTest {

    private static final String REQUEST_ID = "0b5b7c4e-8f0e-4a43-9d5d-4c4b0c1f2e3a";
    private static final Instant NOW = Instant.parse("2026-11-25T12:05:00Z");
    private static final BtcPrice PRICE = new BtcPrice(new BigDecimal("97000"), BtcPrice.Source.LIVE, NOW);
    private static final RequestCost ESTIMATE = new RequestCost("claude-haiku-4-5", new TokenUsage(55, 200),
            new BigDecimal("0.000844"), "claude-sonnet-4-6", new TokenUsage(55, 200), new BigDecimal("0.003165"),
            new BigDecimal("0.1"), new BigDecimal("0.13001125"), 131, PRICE);

    @Test
    void the_first_retry_waits_the_first_delay_lengthened_by_the_requests_share_of_the_jitter() {
        SagaTestFixture<SessionRequestSaga> fixture = new SagaTestFixture<>(SessionRequestSaga.class);
        LanguageModel model = mock(LanguageModel.class);
        when(model.evaluate(anyString(), anyString())).thenThrow(new LanguageModelException("overloaded", true));
        PriceFeed priceFeed = () -> PRICE;
        fixture.registerResource(model);
        fixture.registerResource(priceFeed);
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerResource(new SessionFlowSettings(Duration.ofHours(1), 3, Duration.ofSeconds(10), 0.5));
        Duration expected = new RetryPolicy(3, Duration.ofSeconds(10), 0.5).delay(1, REQUEST_ID);

        assertThat(expected).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(15));
        fixture.givenNoPriorActivity()
                .whenPublishingA(new FundsReserved("3f2504e0-4f89-41d3-9a0c-0305e82c3301", REQUEST_ID,
                        "What is a satoshi?", ESTIMATE, 131, NOW))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(expected, SessionRequestSaga.RETRY);
    }
}
