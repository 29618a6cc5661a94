package dev.lnjobs.server.config;

import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.sagas.job.RefundFeeLimit;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;

import java.time.Duration;

/**
 * LNbits credentials (absent: stub mode), invoice lifetime, the payment watcher's pace, and the most a refund may
 * spend on routing fees ({@code maxFeePercent} of its amount, at least {@code maxFeeMinSats}).
 */
@ConfigurationProperties("lnjobs.lightning")
public record LightningProperties(String lnbitsUrl, String lnbitsApiKey, String lnbitsAdminKey, String webhookUrl,
                                  Duration invoiceExpiry, Duration watcherInterval, Duration watcherFirstDelay,
                                  Duration watcherMaxDelay, String network, BigDecimal maxFeePercent,
                                  long maxFeeMinSats) {

    public RefundFeeLimit refundFeeLimit() {
        return new RefundFeeLimit(maxFeePercent, maxFeeMinSats);
    }

    /** LIGHTNING_NETWORK when set; otherwise regtest for the stub node and mainnet for LNbits. */
    public BitcoinNetwork bitcoinNetwork() {
        if (isBlank(network)) {
            return stub() ? BitcoinNetwork.REGTEST : BitcoinNetwork.MAINNET;
        }
        return BitcoinNetwork.valueOf(network.trim().toUpperCase(java.util.Locale.ROOT));
    }

    public boolean stub() {
        return isBlank(lnbitsUrl) || isBlank(lnbitsApiKey);
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "LightningProperties[lnbitsUrl=" + lnbitsUrl + ", keys hidden]";
    }
}
