package dev.lnjobs.server.demo;

import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.server.job.RequestText;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The free demo: the work model without payment, a few requests per hour per client address. */
@RestController
class DemoController {

    private final LanguageModel languageModel;
    private final Tariff tariff;
    private final RequestText requestText;
    private final int requestsPerHour;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    DemoController(LanguageModel languageModel, Tariff tariff, RequestText requestText,
                   @Value("${lnjobs.demo.requests-per-hour}") int requestsPerHour) {
        this.languageModel = languageModel;
        this.tariff = tariff;
        this.requestText = requestText;
        this.requestsPerHour = requestsPerHour;
    }

    record DemoResult(String result) {
    }

    @Operation(summary = "Free demo, rate-limited per client IP")
    @GetMapping(path = "/api/demo", produces = MediaType.APPLICATION_JSON_VALUE)
    DemoResult demo(@RequestParam(required = false) String request, HttpServletRequest http) {
        String text = requestText.check(request);
        ConsumptionProbe probe = buckets.computeIfAbsent(http.getRemoteAddr(), ip -> newBucket())
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitedException(Duration.ofNanos(probe.getNanosToWaitForRefill()), requestsPerHour);
        }
        return new DemoResult(languageModel.work(tariff.workModel(), text).text());
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(requestsPerHour)
                        .refillIntervally(requestsPerHour, Duration.ofHours(1)).build())
                .build();
    }
}
