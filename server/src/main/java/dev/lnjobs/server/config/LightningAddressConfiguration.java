package dev.lnjobs.server.config;

import dev.lnjobs.infra.lightning.RefundInvoiceVerifier;
import dev.lnjobs.infra.lightning.address.LnurlPayLightningAddresses;
import dev.lnjobs.infra.lightning.address.StubLightningAddresses;
import dev.lnjobs.sagas.lightning.LightningAddresses;
import okhttp3.Dns;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Lightning Addresses are resolved by this service against their domains whenever the node is real; with the stub
 * node they are stubbed too, unless the tests' allowance points the real resolver at a local server.
 */
@Configuration(proxyBeanMethods = false)
class LightningAddressConfiguration {

    @Bean
    LightningAddresses lightningAddresses(LightningProperties lightning, LightningAddressProperties addresses,
                                          RefundInvoiceVerifier verifier, Clock clock) {
        if (lightning.stub() && !addresses.testAllowance()) {
            return new StubLightningAddresses(clock);
        }
        return new LnurlPayLightningAddresses(addresses.settings(), verifier, Dns.SYSTEM);
    }
}
