package dev.lnjobs.server.session;

import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.session.SessionTerms;
import dev.lnjobs.sagas.pricing.PriceFeed;
import dev.lnjobs.sagas.pricing.PriceUnavailableException;
import dev.lnjobs.server.config.SessionProperties;
import dev.lnjobs.server.views.Views;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The session flow without a server. */
class SessionServiceTest {

    private final CommandGateway commands = mock(CommandGateway.class);
    private final QueryGateway queries = mock(QueryGateway.class);
    private final PriceFeed priceFeed = mock(PriceFeed.class);
    private final SessionProperties properties = mock(SessionProperties.class);

    @Test
    void a_refused_quote_opens_no_wait_and_sends_no_command() {
        when(properties.requestWait()).thenReturn(Duration.ofSeconds(1));
        when(priceFeed.currentPrice())
                .thenThrow(new PriceUnavailableException("no live price", Duration.ofSeconds(30)));
        SessionService service = new SessionService(new Views(commands, queries), priceFeed, mock(SessionTerms.class),
                Tariff.defaults(), properties,
                Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));

        assertThatThrownBy(() -> service.runRequest("3f2504e0-4f89-41d3-9a0c-0305e82c3301", "What is a satoshi?"))
                .isInstanceOf(PriceUnavailableException.class);
        verifyNoInteractions(queries, commands);
    }
}
