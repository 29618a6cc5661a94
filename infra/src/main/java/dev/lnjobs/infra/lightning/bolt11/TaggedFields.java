package dev.lnjobs.infra.lightning.bolt11;

import dev.lnjobs.infra.lightning.bolt11.Bolt11Exception.Reason;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The tagged fields between an invoice's timestamp and its signature, read in order. Each is a 5-bit type, a 10-bit
 * length in words, then the data. Unknown types, {@code p}/{@code h}/{@code s}/{@code n} of an unexpected length and
 * fallbacks of an unknown version are skipped, as the spec requires for forward compatibility; of the fields meant to
 * appear once, the first one read wins (writers put the preferred one first).
 */
final class TaggedFields {

    static final int PAYMENT_HASH = 1;            // p
    static final int ROUTE_HINT = 3;              // r
    static final int FEATURES = 5;                // 9
    static final int EXPIRY = 6;                  // x
    static final int FALLBACK = 9;                // f
    static final int DESCRIPTION = 13;            // d
    static final int PAYMENT_SECRET = 16;         // s
    static final int PAYEE_KEY = 19;              // n
    static final int DESCRIPTION_HASH = 23;       // h
    static final int MIN_FINAL_CLTV_EXPIRY = 24;  // c
    static final int PAYMENT_METADATA = 27;       // m

    static final int HASH_WORDS = 52;
    static final int PUBLIC_KEY_WORDS = 53;
    static final int MAX_DATA_WORDS = 1023;
    private static final int MAX_NUMBER_WORDS = 12;
    private static final int HEADER_WORDS = 3;
    private static final HexFormat HEX = HexFormat.of();

    byte[] paymentHash;
    byte[] paymentSecret;
    String description;
    byte[] descriptionHash;
    byte[] payeeKey;
    Long expirySeconds;
    Long minFinalCltvExpiry;
    byte[] paymentMetadata;
    final List<FallbackAddress> fallbackAddresses = new ArrayList<>();
    final List<String> routeHints = new ArrayList<>();
    final SortedSet<Integer> featureBits = new TreeSet<>();
    private boolean featuresRead;

    private TaggedFields() {
    }

    static TaggedFields read(byte[] words, int from, int to) {
        TaggedFields fields = new TaggedFields();
        int position = from;
        while (position < to) {
            if (to - position < HEADER_WORDS) {
                throw new Bolt11Exception(Reason.BAD_FIELD_LENGTH, "a tagged field header is cut off by the signature");
            }
            int type = words[position];
            int length = words[position + 1] << 5 | words[position + 2];
            int start = position + HEADER_WORDS;
            if (start + length > to) {
                throw new Bolt11Exception(Reason.BAD_FIELD_LENGTH,
                        "tagged field type " + type + " claims " + length + " words, past the signature");
            }
            fields.accept(type, words, start, length);
            position = start + length;
        }
        return fields;
    }

    private void accept(int type, byte[] words, int start, int length) {
        int end = start + length;
        switch (type) {
            case PAYMENT_HASH -> paymentHash = firstFixed(paymentHash, words, start, length, HASH_WORDS);
            case PAYMENT_SECRET -> paymentSecret = firstFixed(paymentSecret, words, start, length, HASH_WORDS);
            case DESCRIPTION_HASH -> descriptionHash = firstFixed(descriptionHash, words, start, length, HASH_WORDS);
            case PAYEE_KEY -> payeeKey = firstFixed(payeeKey, words, start, length, PUBLIC_KEY_WORDS);
            case DESCRIPTION -> {
                if (description == null) {
                    description = utf8(Bech32.wordsToWholeBytes(words, start, end));
                }
            }
            case EXPIRY -> {
                if (expirySeconds == null) {
                    expirySeconds = number("x (expiry)", words, start, length);
                }
            }
            case MIN_FINAL_CLTV_EXPIRY -> {
                if (minFinalCltvExpiry == null) {
                    minFinalCltvExpiry = number("c (min final CLTV expiry)", words, start, length);
                }
            }
            case FEATURES -> readFeatures(words, start, end);
            case FALLBACK -> readFallback(words, start, end);
            case ROUTE_HINT -> routeHints.add(HEX.formatHex(Bech32.wordsToWholeBytes(words, start, end)));
            case PAYMENT_METADATA -> {
                if (paymentMetadata == null) {
                    paymentMetadata = Bech32.wordsToWholeBytes(words, start, end);
                }
            }
            default -> {
                // Unknown field: skipped so that newer invoices stay readable.
            }
        }
    }

    private static byte[] firstFixed(byte[] current, byte[] words, int start, int length, int expectedWords) {
        if (current != null || length != expectedWords) {
            return current;
        }
        return Bech32.wordsToWholeBytes(words, start, start + length);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException invalid) {
            throw new Bolt11Exception(Reason.BAD_FIELD_VALUE, "the d (description) field is not valid UTF-8");
        }
    }

    private static long number(String name, byte[] words, int start, int length) {
        if (length > MAX_NUMBER_WORDS) {
            throw new Bolt11Exception(Reason.BAD_FIELD_VALUE, "the " + name + " field is too large a number");
        }
        return Bech32.wordsToLong(words, start, start + length);
    }

    private void readFeatures(byte[] words, int start, int end) {
        if (featuresRead) {
            return;
        }
        featuresRead = true;
        // Big-endian: the last word holds bits 0-4, the one before it bits 5-9, and so on.
        for (int i = end - 1, base = 0; i >= start; i--, base += 5) {
            for (int bit = 0; bit < 5; bit++) {
                if ((words[i] >> bit & 1) == 1) {
                    featureBits.add(base + bit);
                }
            }
        }
    }

    private void readFallback(byte[] words, int start, int end) {
        if (end == start || words[start] > FallbackAddress.P2SH) {
            return; // empty or an address version from the future: skipped, not an error
        }
        String program = HEX.formatHex(Bech32.wordsToWholeBytes(words, start + 1, end));
        fallbackAddresses.add(new FallbackAddress(words[start], program));
    }
}
