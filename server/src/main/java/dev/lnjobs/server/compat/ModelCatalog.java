package dev.lnjobs.server.compat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.command.pricing.PricingPolicy;
import dev.lnjobs.sagas.pricing.PriceFeed;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The model a compatible call runs (the tariff's work model, whatever model the client names), listed OpenAI's way
 * with its prices in sats at today's BTC price, margin included: per 1K input and output tokens, and the per-call
 * infra share and evaluation that every accepted call adds.
 */
@Service
class ModelCatalog {

    private static final BigDecimal SATS_PER_BTC = BigDecimal.valueOf(100_000_000L);
    private static final TokenUsage THOUSAND_IN = new TokenUsage(1000, 0);
    private static final TokenUsage THOUSAND_OUT = new TokenUsage(0, 1000);

    private final Tariff tariff;
    private final PriceFeed priceFeed;

    ModelCatalog(Tariff tariff, PriceFeed priceFeed) {
        this.tariff = tariff;
        this.priceFeed = priceFeed;
    }

    ObjectNode models(long created) {
        BigDecimal btcUsd = priceFeed.currentPrice().usd();
        ObjectNode list = JsonNodeFactory.instance.objectNode().put("object", "list");
        ObjectNode model = list.putArray("data").addObject().put("id", tariff.workModel()).put("object", "model")
                .put("created", created).put("owned_by", "lnjobs")
                .put("display_name", tariff.workModel() + " (paid per call from a Lightning session)");
        model.put("sats_per_1k_input_tokens", sats(PricingPolicy.modelCostUsd(tariff.workModel(), THOUSAND_IN,
                        tariff), btcUsd))
                .put("sats_per_1k_output_tokens", sats(PricingPolicy.modelCostUsd(tariff.workModel(), THOUSAND_OUT,
                        tariff), btcUsd))
                .put("sats_per_request_infra", sats(PricingPolicy.infraCostUsd(tariff), btcUsd))
                .put("evaluation_model", tariff.evalModel())
                .put("btc_price_usd", btcUsd);
        return list;
    }

    /** With margin, to a thousandth of a sat: the per-call total is rounded up once, by the session's pricing. */
    private BigDecimal sats(BigDecimal usd, BigDecimal btcUsd) {
        return PricingPolicy.withMargin(usd, tariff).multiply(SATS_PER_BTC)
                .divide(btcUsd, MathContext.DECIMAL128).setScale(3, RoundingMode.CEILING).stripTrailingZeros();
    }
}
