package dev.lnjobs.server.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refusal of {@link ProductionReadiness} as a list a person can work through, instead of a trace. */
public class ProductionNotReadyFailureAnalyzer extends AbstractFailureAnalyzer<ProductionNotReadyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionNotReadyException cause) {
        return new FailureAnalysis("PRODUCTION is set (PRODUCTION=true or the production profile), but the server "
                + "would run on stubs or development keys.",
                "Set these, then start again:\n    " + String.join("\n    ", cause.missing()), cause);
    }
}
