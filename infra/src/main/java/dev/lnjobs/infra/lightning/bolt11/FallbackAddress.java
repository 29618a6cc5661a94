package dev.lnjobs.infra.lightning.bolt11;

import java.util.regex.Pattern;

/**
 * An on-chain address to pay if Lightning fails, as the invoice carries it: a version (0-16 segwit witness version,
 * 17 P2PKH, 18 P2SH) and the hash or witness program, not rendered as a base58/bech32 address.
 */
public record FallbackAddress(int version, String programHex) {

    public static final int P2PKH = 17;
    public static final int P2SH = 18;
    private static final Pattern HEX = Pattern.compile("([0-9a-f]{2})*");

    public FallbackAddress {
        if (version < 0 || version > P2SH) {
            throw new IllegalArgumentException("fallback version " + version + " is not 0-18");
        }
        if (programHex == null || !HEX.matcher(programHex).matches()) {
            throw new IllegalArgumentException("fallback program must be lower-case hex bytes");
        }
    }

    public boolean isSegwit() {
        return version <= 16;
    }
}
