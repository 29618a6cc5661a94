package dev.lnjobs.server.demo;

import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.server.job.RequestText;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The free demo: the work model without payment, a few requests per hour per client address, on every node. */
@RestController
class DemoController {

    private final LanguageModel languageModel;
    private final Tariff tariff;
    private final RequestText requestText;
    private final DemoRateLimiter limiter;

    DemoController(LanguageModel languageModel, Tariff tariff, RequestText requestText, DemoRateLimiter limiter) {
        this.languageModel = languageModel;
        this.tariff = tariff;
        this.requestText = requestText;
        this.limiter = limiter;
    }

    record DemoResult(String result) {
    }

    @Operation(summary = "Free demo, rate-limited per client IP")
    @GetMapping(path = "/api/demo", produces = MediaType.APPLICATION_JSON_VALUE)
    DemoResult demo(@RequestParam(required = false) String request, HttpServletRequest http) {
        String text = requestText.check(request);
        limiter.tryAcquire(http.getRemoteAddr()).ifPresent(wait -> {
            throw new RateLimitedException(wait, limiter.requestsPerHour());
        });
        return new DemoResult(languageModel.work(tariff.workModel(), text).text());
    }
}
