package dev.lnjobs.server.demo;

import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.server.job.RequestText;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The free demo: the work model without payment; CreationLimitInterceptor counts its requests. */
@RestController
class DemoController {

    private final LanguageModel languageModel;
    private final Tariff tariff;
    private final RequestText requestText;

    DemoController(LanguageModel languageModel, Tariff tariff, RequestText requestText) {
        this.languageModel = languageModel;
        this.tariff = tariff;
        this.requestText = requestText;
    }

    record DemoResult(String result) {
    }

    @Operation(summary = "Free demo, rate-limited per client IP")
    @GetMapping(path = "/api/demo", produces = MediaType.APPLICATION_JSON_VALUE)
    DemoResult demo(@RequestParam(required = false) String request) {
        String text = requestText.check(request);
        return new DemoResult(languageModel.work(tariff.workModel(), text).text());
    }
}
