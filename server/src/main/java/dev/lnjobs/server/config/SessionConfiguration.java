package dev.lnjobs.server.config;

import dev.lnjobs.api.session.SessionTerms;
import dev.lnjobs.infra.macaroon.SessionMacaroons;
import dev.lnjobs.sagas.session.SessionFlowSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** The session terms, the session flow's waits, and the macaroon issuer with its root key. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    @Bean
    SessionTerms sessionTerms(SessionProperties sessions) {
        return sessions.terms();
    }

    @Bean
    SessionFlowSettings sessionFlowSettings(LightningProperties lightning, AiProperties ai, RetryProperties retry) {
        return new SessionFlowSettings(lightning.invoiceExpiry(), ai.maxAttempts(), ai.firstRetryDelay(),
                retry.jitter());
    }

    @Bean
    SessionMacaroons sessionMacaroons(SessionProperties sessions, @Value("${lnjobs.production}") boolean production,
                                      JdbcTemplate jdbc, Clock clock) {
        byte[] rootKey = MacaroonRootKey.load(sessions.macaroonRootKey(), production, jdbc, clock);
        return new SessionMacaroons(rootKey, sessions.macaroonLocation());
    }
}
