package dev.lnjobs.server.demo;

import dev.lnjobs.server.job.RequestText;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The free demo: the work model without payment, through {@link DemoService}; CreationLimitInterceptor counts it. */
@RestController
class DemoController {

    private final DemoService demo;
    private final RequestText requestText;

    DemoController(DemoService demo, RequestText requestText) {
        this.demo = demo;
        this.requestText = requestText;
    }

    record DemoResult(String result) {
    }

    @Operation(summary = "Free demo, rate-limited per client IP")
    @GetMapping(path = "/api/demo", produces = MediaType.APPLICATION_JSON_VALUE)
    DemoResult demo(@RequestParam(required = false) String request) {
        return new DemoResult(demo.run(requestText.check(request)));
    }
}
