package dev.lnjobs.server.demo;

import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.sagas.ai.LanguageModel;
import org.springframework.stereotype.Service;

/** The free demo behind {@code GET /api/demo}: the work model without payment, within the demo's limit. */
@Service
class DemoService {

    private final LanguageModel languageModel;
    private final Tariff tariff;
    private final DemoRateLimiter limiter;

    DemoService(LanguageModel languageModel, Tariff tariff, DemoRateLimiter limiter) {
        this.languageModel = languageModel;
        this.tariff = tariff;
        this.limiter = limiter;
    }

    /** Counts the request against the client's hourly limit (429 past it), then answers the work model's text. */
    String run(String request, String clientAddress) {
        limiter.tryAcquire(clientAddress).ifPresent(wait -> {
            throw new RateLimitedException(wait, limiter.requestsPerHour());
        });
        return languageModel.work(tariff.workModel(), request).text();
    }
}
