package dev.lnjobs.server.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.infra.ai.AnthropicLanguageModel;
import dev.lnjobs.infra.ai.StubLanguageModel;
import dev.lnjobs.infra.http.HttpClients;
import dev.lnjobs.infra.lightning.LnbitsLightningNode;
import dev.lnjobs.infra.lightning.RefundInvoiceVerifier;
import dev.lnjobs.infra.lightning.StubLightningNode;
import dev.lnjobs.infra.pricing.CoinGeckoPriceFeed;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.pricing.PriceFeed;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** Picks, for each external service, the real client when its credentials are set and the stub otherwise. */
@Configuration(proxyBeanMethods = false)
class AdapterConfiguration {

    @Bean
    OkHttpClient httpClient() {
        return HttpClients.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(90));
    }

    @Bean
    LightningNode lightningNode(LightningProperties lightning, OkHttpClient http, ObjectMapper json,
                                JdbcTemplate jdbc, Clock clock) {
        if (lightning.stub()) {
            return new StubLightningNode(jdbc, clock);
        }
        OkHttpClient lnbitsHttp = http.newBuilder().callTimeout(Duration.ofSeconds(20)).build();
        return new LnbitsLightningNode(lightning.lnbitsUrl(), lightning.lnbitsApiKey(), lightning.lnbitsAdminKey(),
                lnbitsHttp, json, lightning.webhookUrl(), lightning.bitcoinNetwork(), clock);
    }

    @Bean
    RefundInvoiceVerifier refundInvoiceVerifier(LightningProperties lightning, Clock clock) {
        return new RefundInvoiceVerifier(lightning.bitcoinNetwork(), clock,
                lightning.stub() ? Set.of(StubLightningNode.NODE_KEY.publicKeyHex()) : Set.of());
    }

    @Bean
    LanguageModel languageModel(AiProperties ai, OkHttpClient http, ObjectMapper json, JdbcTemplate jdbc,
                                Clock clock) {
        if (ai.stub()) {
            return new StubLanguageModel(ai.stubDelay(), !ai.stubRecordCalls() ? (kind, request) -> { }
                    : (kind, request) -> jdbc.update("INSERT INTO stub_model_call (kind, request, called_at) "
                    + "VALUES (?, ?, ?)", kind, request, java.sql.Timestamp.from(clock.instant())));
        }
        return new AnthropicLanguageModel(ai.anthropicBaseUrl(), ai.anthropicApiKey(), http, json);
    }

    @Bean
    PriceFeed priceFeed(PricingProperties pricing, OkHttpClient http, ObjectMapper json, Clock clock,
                        @Value("${lnjobs.production:false}") boolean production) {
        if (pricing.offline()) {
            return CoinGeckoPriceFeed.fallbackOnly(pricing.btcPriceUsdFallback(), clock);
        }
        OkHttpClient priceHttp = http.newBuilder().callTimeout(Duration.ofSeconds(5)).build();
        // production refuses to quote at the fallback, a guess that may sell below cost
        return new CoinGeckoPriceFeed(pricing.coingeckoUrl(), priceHttp, json, pricing.btcPriceUsdFallback(),
                pricing.btcPriceCache(), pricing.btcPriceMaxAge(), production, clock);
    }
}
