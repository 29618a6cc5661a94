package dev.lnjobs.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * LNURL-withdraw links: how long a link stays usable (LNURL_WITHDRAW_TTL_SECONDS, default 600) and the public base
 * URL its withdrawRequest and callback are served under (PUBLIC_BASE_URL, e.g. {@code https://jobs.example}; when
 * blank, the scheme, host and port of the request that made the link).
 */
@ConfigurationProperties("lnjobs.lnurl-withdraw")
public record LnurlWithdrawProperties(Duration ttl, String publicBaseUrl) {

    public LnurlWithdrawProperties {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("LNURL_WITHDRAW_TTL_SECONDS is a positive duration, not " + ttl);
        }
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null
                : publicBaseUrl.strip().replaceAll("/+$", "");
    }
}
