package dev.lnjobs.server.compat;

import dev.lnjobs.api.problem.Problem;
import dev.lnjobs.api.problem.RuleViolation;
import dev.lnjobs.sagas.pricing.PriceUnavailableException;
import dev.lnjobs.sagas.retry.PortException;
import dev.lnjobs.server.limits.RateLimitedException;
import dev.lnjobs.server.session.SessionTokenRejected;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.web.ErrorResponse;

import java.time.Duration;

/**
 * A failure of a compatible call, sorted into the statuses both providers share: 400 bad body, 401 bad key (also an
 * expired session), 402 insufficient balance (naming the top-up route), 429 limits, 5xx ours or upstream. Each
 * provider's advice writes it in its own error shape.
 */
record CompatError(int status, String message, String param, Long retryAfterSeconds) {

    static CompatError of(Throwable failure) {
        if (failure instanceof CompatBadRequest bad) {
            return new CompatError(400, bad.getMessage(), bad.param(), null);
        }
        if (failure instanceof SessionTokenRejected || failure instanceof CompatUnauthorized) {
            return new CompatError(401, "invalid API key (the key is the session's macaroon): "
                    + failure.getMessage(), null, null);
        }
        if (failure instanceof RateLimitedException limited) {
            return new CompatError(429, limited.getMessage(), null, limited.retryAfterSeconds());
        }
        if (failure instanceof PriceUnavailableException price) {
            return new CompatError(503, "no live BTC price to charge at; try again later", null,
                    Math.max(1, price.retryAfter().map(Duration::toSeconds).orElse(60L)));
        }
        if (failure instanceof CompatFailure ours) {
            return new CompatError(ours.status(), ours.getMessage(), null, null);
        }
        if (failure instanceof PortException) {
            return new CompatError(503, "a service this call depends on failed; try again later", null, null);
        }
        if (failure instanceof IllegalArgumentException || failure instanceof HttpMessageConversionException) {
            return new CompatError(400, "the request body is not valid: " + failure.getMessage(), null, null);
        }
        if (failure instanceof ErrorResponse spring) {
            return new CompatError(spring.getStatusCode().value(), spring.getBody().getDetail(), null, null);
        }
        return RuleViolation.problemOf(failure).map(CompatError::refusal)
                .orElseGet(() -> new CompatError(500, "something went wrong on our side; nothing was charged",
                        null, null));
    }

    /** A refusal by the session's rules: 402 with the top-up route, an expired session as a key no longer valid. */
    private static CompatError refusal(Problem problem) {
        return switch (problem.status()) {
            case 402 -> new CompatError(402, problem.detail() + " (top up: POST " + problem.properties().get("topup")
                    + " with the session's macaroon as Bearer token)", null, null);
            case 410 -> new CompatError(401, "invalid API key: " + problem.detail(), null, null);
            default -> new CompatError(problem.status() >= 500 ? 500 : problem.status(), problem.detail(), null,
                    null);
        };
    }
}
