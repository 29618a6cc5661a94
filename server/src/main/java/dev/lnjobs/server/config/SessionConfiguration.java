package dev.lnjobs.server.config;

import dev.lnjobs.api.session.SessionTerms;
import dev.lnjobs.infra.macaroon.AccessTokens;
import dev.lnjobs.infra.macaroon.L402Macaroons;
import dev.lnjobs.infra.macaroon.SessionMacaroons;
import dev.lnjobs.sagas.session.SessionFlowSettings;
import dev.lnjobs.sagas.session.WithdrawalWindow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** The session terms, the session flow's waits, and the macaroon issuers (sessions, access tokens, L402). */
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

    /** For the saga that pays an expired session's balance to its refund address (SESSION_WITHDRAW_DAYS). */
    @Bean
    WithdrawalWindow withdrawalWindow(WithdrawalProperties withdrawals) {
        return new WithdrawalWindow(withdrawals.window());
    }

    /** Loaded once; both issuers below sign with keys from it. */
    @Bean
    RootKey macaroonRootKey(SessionProperties sessions, @Value("${lnjobs.production}") boolean production,
                            JdbcTemplate jdbc, Clock clock) {
        return new RootKey(MacaroonRootKey.load(sessions.macaroonRootKey(), production, jdbc, clock));
    }

    @Bean
    SessionMacaroons sessionMacaroons(RootKey rootKey, SessionProperties sessions) {
        return new SessionMacaroons(rootKey.bytes(), sessions.macaroonLocation());
    }

    @Bean
    AccessTokens accessTokens(RootKey rootKey, SessionProperties sessions) {
        return new AccessTokens(rootKey.bytes(), sessions.macaroonLocation());
    }

    @Bean
    L402Macaroons l402Macaroons(RootKey rootKey, SessionProperties sessions) {
        return new L402Macaroons(rootKey.bytes(), sessions.macaroonLocation());
    }

    /** The macaroon root key as a bean of its own type, so that nothing else is injected with it by accident. */
    static final class RootKey {

        private final byte[] bytes;

        RootKey(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return "RootKey[<redacted>]";
        }
    }
}
