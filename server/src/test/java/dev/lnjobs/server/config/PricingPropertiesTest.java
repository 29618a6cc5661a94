package dev.lnjobs.server.config;

import dev.lnjobs.api.pricing.Tariff;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The pricing table binds from the seed's environment names in application.yml, the tariff straight into a Tariff. */
class PricingPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(c -> c.getEnvironment().getPropertySources().addLast(applicationYml()))
            .withUserConfiguration(PropertyPlaceholderAutoConfiguration.class, Binding.class);

    @Test
    void without_environment_the_tariff_is_the_seeds_defaults() {
        context.run(c -> {
            PricingProperties pricing = c.getBean(PricingProperties.class);
            assertThat(pricing.tariff()).isEqualTo(Tariff.defaults());
            assertThat(pricing.btcPriceUsdFallback()).isEqualByComparingTo("100000");
            assertThat(pricing.btcPriceCache()).isEqualTo(Duration.ofSeconds(60));
            assertThat(pricing.offline()).isFalse();
        });
    }

    @Test
    void the_seeds_environment_names_set_every_field_of_the_tariff() {
        context.withPropertyValues("EVAL_FEE_SATS=21", "SHORT_MAX_CHARS=50", "MEDIUM_MAX_CHARS=500",
                        "HAIKU_INPUT_COST_PER_1K_TOKENS=0.001", "HAIKU_OUTPUT_COST_PER_1K_TOKENS=0.005",
                        "SONNET_INPUT_COST_PER_1K_TOKENS=0.004", "SONNET_OUTPUT_COST_PER_1K_TOKENS=0.02",
                        "DO_MONTHLY_COST_USD=200", "DO_MONTHLY_REQUEST_VOLUME=4000", "ORIGINATOR_MARGIN_PCT=30",
                        "OUTPUT_TOKENS_SHORT_EST=100", "OUTPUT_TOKENS_MEDIUM_EST=300", "OUTPUT_TOKENS_LONG_EST=900",
                        "WORK_SYSTEM_PROMPT_TOKENS_EST=70", "EVAL_MODEL=claude-haiku-x", "WORK_MODEL=claude-sonnet-x",
                        "BTC_PRICE_CACHE_SECONDS=5", "BTC_PRICE_OFFLINE=true")
                .run(c -> {
                    PricingProperties pricing = c.getBean(PricingProperties.class);
                    assertThat(pricing.tariff()).isEqualTo(new Tariff(21, 50, 500,
                            new BigDecimal("0.001"), new BigDecimal("0.005"),
                            new BigDecimal("0.004"), new BigDecimal("0.02"),
                            new BigDecimal("200"), 4000, new BigDecimal("30"),
                            100, 300, 900, 70, "claude-haiku-x", "claude-sonnet-x"));
                    assertThat(pricing.btcPriceCache()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(pricing.offline()).isTrue();
                });
    }

    /** The first document of application.yml: the settings of every profile. */
    private static PropertySource<?> applicationYml() {
        try {
            return new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                    .get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @EnableConfigurationProperties(PricingProperties.class)
    static class Binding {
    }
}
