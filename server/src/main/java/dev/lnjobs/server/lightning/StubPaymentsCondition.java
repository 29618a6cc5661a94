package dev.lnjobs.server.lightning;

import dev.lnjobs.server.config.LightningProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True only outside production (PRODUCTION and the production profile alike) and with Lightning as a stub. */
class StubPaymentsCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (context.getEnvironment().getProperty("lnjobs.production", Boolean.class, false)) {
            return false;
        }
        return Binder.get(context.getEnvironment()).bind("lnjobs.lightning", LightningProperties.class)
                .map(LightningProperties::stub).orElse(true);
    }
}
