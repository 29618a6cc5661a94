package dev.lnjobs.infra.lightning.bolt11;

import java.util.Arrays;
import java.util.Optional;

/** The chain an invoice is payable on, named in the invoice by its BIP-173 currency prefix after {@code ln}. */
public enum BitcoinNetwork {
    MAINNET("bc"),
    TESTNET("tb"),
    SIGNET("tbs"),
    REGTEST("bcrt");

    private final String currencyPrefix;

    BitcoinNetwork(String currencyPrefix) {
        this.currencyPrefix = currencyPrefix;
    }

    public String currencyPrefix() {
        return currencyPrefix;
    }

    /** Exact match only: {@code tbs} must not be read as testnet followed by something else. */
    public static Optional<BitcoinNetwork> ofCurrencyPrefix(String prefix) {
        return Arrays.stream(values()).filter(network -> network.currencyPrefix.equals(prefix)).findFirst();
    }
}
