package dev.lnjobs.command.pricing;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.pricing.WorkQuote;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-computed cases of the seed's formula with its defaults: Sonnet at $0.003/$0.015 per 1K tokens,
 * infra $100 / 1000 requests = $0.10, margin 25 %, input = 50 + ceil(chars / 4).
 */
class PricingPolicyTest {

    private static final Tariff TARIFF = Tariff.defaults();
    private static final BtcPrice FALLBACK = new BtcPrice(new BigDecimal("100000"), BtcPrice.Source.FALLBACK,
            Instant.EPOCH);

    @Test
    void prices_a_short_request() {
        // 38 chars: input 50 + 10 = 60, output 200. 60*0.003/1000 + 200*0.015/1000 = 0.00018 + 0.003 = 0.00318
        // (0.00318 + 0.1) * 1.25 = 0.128975 USD; at 100,000 USD/BTC = 128.975 sats -> 129
        WorkQuote quote = PricingPolicy.quoteWork("Write a haiku about lightning payments", TARIFF, FALLBACK);
        assertThat(quote.tier()).isEqualTo("short");
        assertThat(quote.estimatedInputTokens()).isEqualTo(60);
        assertThat(quote.estimatedOutputTokens()).isEqualTo(200);
        assertThat(quote.tokenCostUsd()).isEqualByComparingTo("0.00318");
        assertThat(quote.infraCostUsd()).isEqualByComparingTo("0.1");
        assertThat(quote.totalUsd()).isEqualByComparingTo("0.128975");
        assertThat(quote.amountSats()).isEqualTo(129);
    }

    @Test
    void prices_a_medium_request() {
        // 200 chars: input 50 + 50 = 100, output 400. 0.0003 + 0.006 = 0.0063; (0.1063) * 1.25 = 0.132875
        // -> 132.875 sats -> 133
        WorkQuote quote = PricingPolicy.quoteWork("x".repeat(200), TARIFF, FALLBACK);
        assertThat(quote.tier()).isEqualTo("medium");
        assertThat(quote.estimatedInputTokens()).isEqualTo(100);
        assertThat(quote.totalUsd()).isEqualByComparingTo("0.132875");
        assertThat(quote.amountSats()).isEqualTo(133);
    }

    @Test
    void prices_a_long_request() {
        // 1001 chars: input 50 + 251 = 301, output 800. 0.000903 + 0.012 = 0.012903; 0.112903 * 1.25 = 0.14112875
        // -> 141.12875 sats -> 142
        WorkQuote quote = PricingPolicy.quoteWork("y".repeat(1001), TARIFF, FALLBACK);
        assertThat(quote.tier()).isEqualTo("long");
        assertThat(quote.estimatedInputTokens()).isEqualTo(301);
        assertThat(quote.totalUsd()).isEqualByComparingTo("0.14112875");
        assertThat(quote.amountSats()).isEqualTo(142);
    }

    @Test
    void tier_boundaries_are_inclusive() {
        assertThat(PricingPolicy.quoteWork("z".repeat(100), TARIFF, FALLBACK).tier()).isEqualTo("short");
        assertThat(PricingPolicy.quoteWork("z".repeat(101), TARIFF, FALLBACK).tier()).isEqualTo("medium");
        assertThat(PricingPolicy.quoteWork("z".repeat(300), TARIFF, FALLBACK).tier()).isEqualTo("medium");
        assertThat(PricingPolicy.quoteWork("z".repeat(301), TARIFF, FALLBACK).tier()).isEqualTo("long");
    }

    @Test
    void a_live_price_changes_the_sats_and_is_recorded() {
        // 0.128975 USD at 97,123.45 USD/BTC = 132.7946... sats -> 133
        BtcPrice live = new BtcPrice(new BigDecimal("97123.45"), BtcPrice.Source.LIVE, Instant.EPOCH);
        WorkQuote quote = PricingPolicy.quoteWork("Write a haiku about lightning payments", TARIFF, live);
        assertThat(quote.amountSats()).isEqualTo(133);
        assertThat(quote.btcPrice()).isEqualTo(live);
        assertThat(quote.tariff()).isEqualTo(TARIFF);
    }

    @Test
    void whole_sat_amounts_are_not_rounded_up_further() {
        // 0.1 USD at 100,000 USD/BTC is exactly 100 sats
        assertThat(PricingPolicy.usdToSats(new BigDecimal("0.1"), new BigDecimal("100000"))).isEqualTo(100);
        assertThat(PricingPolicy.usdToSats(new BigDecimal("0.100000001"), new BigDecimal("100000"))).isEqualTo(101);
    }

    @Test
    void haiku_models_cost_haiku_rates() {
        // 1000 in * 0.0008 + 1000 out * 0.004 per 1K = 0.0048
        assertThat(PricingPolicy.modelCostUsd("claude-haiku-4-5", new TokenUsage(1000, 1000), TARIFF))
                .isEqualByComparingTo("0.0048");
        assertThat(PricingPolicy.modelCostUsd("claude-sonnet-4-6", new TokenUsage(1000, 1000), TARIFF))
                .isEqualByComparingTo("0.018");
    }

    @Test
    void settles_at_the_actual_tokens_and_the_locked_price() {
        // quote: 129 sats. eval 40 in / 20 out at haiku = 0.000032 + 0.00008 = 0.000112;
        // work 60 in / 50 out at sonnet = 0.00018 + 0.00075 = 0.00093; actual 0.001042 + infra 0.1 = 0.101042
        // * 1.25 = 0.1263025 USD at the quote's 100,000 USD/BTC = 126.3025 -> 127 sats; refund 129 - 127 = 2
        WorkQuote quote = PricingPolicy.quoteWork("Write a haiku about lightning payments", TARIFF, FALLBACK);
        var settlement = PricingPolicy.settle(quote, "claude-haiku-4-5", new TokenUsage(40, 20),
                "claude-sonnet-4-6", new TokenUsage(60, 50));
        assertThat(settlement.actualCostUsd()).isEqualByComparingTo("0.001042");
        assertThat(settlement.btcPriceUsd()).isEqualByComparingTo("100000");
        assertThat(settlement.workAmountSats()).isEqualTo(129);
        assertThat(settlement.actualAmountSats()).isEqualTo(127);
        assertThat(settlement.refundAmountSats()).isEqualTo(2);
    }

    @Test
    void an_expensive_job_owes_no_refund_and_never_a_negative_one() {
        WorkQuote quote = PricingPolicy.quoteWork("Write a haiku about lightning payments", TARIFF, FALLBACK);
        var settlement = PricingPolicy.settle(quote, "claude-haiku-4-5", new TokenUsage(40, 20),
                "claude-sonnet-4-6", new TokenUsage(5000, 5000));
        assertThat(settlement.actualAmountSats()).isGreaterThan(129);
        assertThat(settlement.refundAmountSats()).isZero();
    }
}
