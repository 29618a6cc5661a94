package dev.lnjobs.infra.lightning.bolt11;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * LUD-01 LNURLs: a URL's UTF-8 bytes in bech32 under the human-readable part {@code lnurl}, with no length limit,
 * written in upper case (shorter QR codes). Decoding accepts either case, not a mix.
 */
public final class Lnurl {

    static final String HRP = "lnurl";

    private Lnurl() {
    }

    public static String encode(String url) {
        return Bech32.encode(HRP, Bech32.bytesToWords(url.getBytes(StandardCharsets.UTF_8))).toUpperCase(Locale.ROOT);
    }

    /** The URL of an LNURL; a {@link Bolt11Exception} when it is no bech32 or not under {@code lnurl}. */
    public static String decode(String lnurl) {
        Bech32.Decoded decoded = Bech32.decode(lnurl);
        if (!HRP.equals(decoded.hrp())) {
            throw new Bolt11Exception(Bolt11Exception.Reason.BAD_BECH32, "the human-readable part is "
                    + decoded.hrp() + ", not " + HRP);
        }
        byte[] words = decoded.words();
        return new String(Bech32.wordsToWholeBytes(words, 0, words.length), StandardCharsets.UTF_8);
    }
}
