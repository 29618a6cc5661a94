package dev.lnjobs.server.config;

import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** LNbits credentials (absent: stub mode), invoice lifetime and the payment watcher's pace. */
@ConfigurationProperties("lnjobs.lightning")
public record LightningProperties(String lnbitsUrl, String lnbitsApiKey, String lnbitsAdminKey, String webhookUrl,
                                  Duration invoiceExpiry, Duration watcherInterval, Duration watcherFirstDelay,
                                  Duration watcherMaxDelay, String network) {

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
