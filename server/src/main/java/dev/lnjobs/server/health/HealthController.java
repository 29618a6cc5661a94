package dev.lnjobs.server.health;

import dev.lnjobs.server.config.AiProperties;
import dev.lnjobs.server.config.LightningProperties;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The seed's liveness probe, plus which adapters are stubs. */
@RestController
class HealthController {

    private final LightningProperties lightning;
    private final AiProperties ai;

    HealthController(LightningProperties lightning, AiProperties ai) {
        this.lightning = lightning;
        this.ai = ai;
    }

    record Health(String status, String lightning, String ai) {
    }

    @Operation(summary = "Liveness, and whether Lightning and the AI run as stubs")
    @GetMapping(path = "/api/health", produces = MediaType.APPLICATION_JSON_VALUE)
    Health health() {
        return new Health("ok", lightning.stub() ? "stub" : "lnbits", ai.stub() ? "stub" : "anthropic");
    }
}
