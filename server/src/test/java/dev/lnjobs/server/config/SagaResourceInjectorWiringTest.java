package dev.lnjobs.server.config;

import dev.lnjobs.server.support.ServerTest;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Axon's configuration injects the sagas with {@link SagaResourceInjector}, not with Spring's autowiring. */
class SagaResourceInjectorWiringTest extends ServerTest {

    @Autowired
    private Configuration axon;

    @Test
    void the_sagas_are_injected_by_the_caching_injector() {
        assertThat(axon.resourceInjector()).isInstanceOf(SagaResourceInjector.class);
    }
}
