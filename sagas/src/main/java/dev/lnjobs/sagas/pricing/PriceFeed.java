package dev.lnjobs.sagas.pricing;

import dev.lnjobs.api.pricing.BtcPrice;

/** The BTC/USD price to quote in: live, else the last live one while it is young enough, else the fallback. */
public interface PriceFeed {

    /**
     * The price for a new quote. In production, where the fallback is a guess nobody should sell at, throws
     * {@link PriceUnavailableException} instead of answering it.
     */
    BtcPrice currentPrice();

    /** The price to settle what a quote already reserved at: never refuses, the fallback at worst. */
    default BtcPrice settlementPrice() {
        return currentPrice();
    }
}
