package dev.lnjobs.sagas.pricing;

import dev.lnjobs.api.pricing.BtcPrice;

/** The BTC/USD price to quote in; never fails: when no live price can be had it answers the fallback. */
public interface PriceFeed {

    BtcPrice currentPrice();
}
