package dev.lnjobs.server.config;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * Messages carry no correlation metadata unless {@code lnjobs.axon.message-origin=true}
 * ({@code AXON_MESSAGE_ORIGIN=true}). Axon's default {@link MessageOriginProvider} copies the handled message's id and
 * trace id into the metadata of every command and event it causes: nothing here reads them (an event names its job,
 * session or bootstrap, and replay re-derives every price and sat from payloads alone), yet it deserialized each
 * handled event's stored metadata to find the trace id, a twentieth of the server's CPU under the benchmark's load,
 * and wrote it back into every event row. With the property set, this bean is absent and Axon's default applies.
 */
@Configuration(proxyBeanMethods = false)
class CorrelationConfiguration {

    @Bean
    @ConditionalOnProperty(name = "lnjobs.axon.message-origin", havingValue = "false", matchIfMissing = true)
    CorrelationDataProvider noCorrelationData() {
        return message -> Map.of();
    }
}
