package dev.lnjobs.server.demo;

import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.sagas.ai.LanguageModel;
import org.springframework.stereotype.Service;

/**
 * The free demo behind {@code GET /api/demo}: the work model without payment. Its limits (per client and in all)
 * are counted before the controller runs, by {@code CreationLimitInterceptor}.
 */
@Service
class DemoService {

    private final LanguageModel languageModel;
    private final Tariff tariff;

    DemoService(LanguageModel languageModel, Tariff tariff) {
        this.languageModel = languageModel;
        this.tariff = tariff;
    }

    /** The work model's text for the request. */
    String run(String request) {
        return languageModel.work(tariff.workModel(), request, tariff.outputTokensLongEst()).text();
    }
}
