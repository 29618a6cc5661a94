package dev.lnjobs.server.config;

import dev.lnjobs.infra.cloud.RefusingCloudProvider;
import dev.lnjobs.infra.cloud.StubCloudProvider;
import dev.lnjobs.sagas.bootstrap.CloudException;
import dev.lnjobs.sagas.bootstrap.CloudProvider;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Production without a cloud (BOOTSTRAP_ENABLED=false) fails a bootstrap still in flight instead of faking a node. */
class RefusingCloudProviderTest {

    private final BootstrapProperties noToken = Binder.get(new MockEnvironment())
            .bindOrCreate("lnjobs.bootstrap", BootstrapProperties.class);

    @Test
    void production_without_a_cloud_token_gets_no_stub_cloud() {
        CloudProvider cloud = new BootstrapConfiguration().cloudProvider(noToken, new OkHttpClient(), true);

        assertThat(cloud).isNotInstanceOf(StubCloudProvider.class).isInstanceOf(RefusingCloudProvider.class);
        assertThatThrownBy(() -> cloud.getDroplet(1)).isInstanceOfSatisfying(CloudException.class,
                e -> assertThat(e.isTransient()).isFalse());
        assertThatThrownBy(() -> cloud.deleteVolume("v")).isInstanceOf(CloudException.class);
    }

    @Test
    void development_without_a_cloud_token_gets_the_stub() {
        assertThat(new BootstrapConfiguration().cloudProvider(noToken, new OkHttpClient(), false))
                .isInstanceOf(StubCloudProvider.class);
    }
}
