package dev.lnjobs.infra.lightning.bolt11;

import dev.lnjobs.infra.lightning.bolt11.Bolt11Exception.Reason;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * BIP-173 bech32 (BOLT 11 predates bech32m and keeps the original checksum constant), without the 90-character limit
 * that BOLT 11 lifts. Data is handled as 5-bit "words", one per byte.
 */
final class Bech32 {

    private static final String ALPHABET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int BECH32_CONSTANT = 1;
    private static final int CHECKSUM_WORDS = 6;
    private static final byte[] WORD_OF_CHAR = new byte[128];

    static {
        Arrays.fill(WORD_OF_CHAR, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            WORD_OF_CHAR[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    /** The human-readable part (lower case) and the data words without the checksum. */
    record Decoded(String hrp, byte[] words) {
    }

    private Bech32() {
    }

    static String encode(String hrp, byte[] words) {
        String lowerHrp = hrp.toLowerCase(Locale.ROOT);
        byte[] checksum = checksum(lowerHrp, words);
        StringBuilder out = new StringBuilder(lowerHrp.length() + 1 + words.length + CHECKSUM_WORDS);
        out.append(lowerHrp).append('1');
        for (byte word : words) {
            out.append(ALPHABET.charAt(word));
        }
        for (byte word : checksum) {
            out.append(ALPHABET.charAt(word));
        }
        return out.toString();
    }

    static Decoded decode(String text) {
        if (text == null || text.isEmpty()) {
            throw new Bolt11Exception(Reason.BAD_BECH32, "the payment request is empty");
        }
        checkCharactersAndCase(text);
        String lower = text.toLowerCase(Locale.ROOT);
        // The separator is the LAST '1': the human-readable part may itself contain '1's (e.g. an amount of 10m).
        int separator = lower.lastIndexOf('1');
        if (separator < 1) {
            throw new Bolt11Exception(Reason.BAD_BECH32, "no '1' separator after a human-readable part");
        }
        if (lower.length() - separator - 1 < CHECKSUM_WORDS) {
            throw new Bolt11Exception(Reason.BAD_BECH32, "the data part is shorter than a checksum");
        }
        String hrp = lower.substring(0, separator);
        byte[] wordsWithChecksum = new byte[lower.length() - separator - 1];
        for (int i = 0; i < wordsWithChecksum.length; i++) {
            char c = lower.charAt(separator + 1 + i);
            byte word = WORD_OF_CHAR[c];
            if (word < 0) {
                throw new Bolt11Exception(Reason.BAD_BECH32, "'" + c + "' is not a bech32 data character");
            }
            wordsWithChecksum[i] = word;
        }
        if (polymod(expandHrp(hrp), wordsWithChecksum) != BECH32_CONSTANT) {
            throw new Bolt11Exception(Reason.BAD_CHECKSUM, "the bech32 checksum does not match");
        }
        return new Decoded(hrp, Arrays.copyOf(wordsWithChecksum, wordsWithChecksum.length - CHECKSUM_WORDS));
    }

    /** Packs words[from, to) into bytes, padding the last byte with zero bits, as BOLT 11 signs and stores data. */
    static byte[] wordsToBytes(byte[] words, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * 5 / 8 + 1);
        int accumulator = 0;
        int bits = 0;
        for (int i = from; i < to; i++) {
            accumulator = (accumulator << 5) | words[i];
            bits += 5;
            while (bits >= 8) {
                bits -= 8;
                out.write((accumulator >> bits) & 0xff);
            }
            accumulator &= (1 << bits) - 1;
        }
        if (bits > 0) {
            out.write((accumulator << (8 - bits)) & 0xff);
        }
        return out.toByteArray();
    }

    /** Packs words into whole bytes only, dropping the trailing padding bits a field's data length implies. */
    static byte[] wordsToWholeBytes(byte[] words, int from, int to) {
        return Arrays.copyOf(wordsToBytes(words, from, to), (to - from) * 5 / 8);
    }

    /** Splits bytes into words, padding the last word with zero bits. */
    static byte[] bytesToWords(byte[] bytes) {
        byte[] words = new byte[(bytes.length * 8 + 4) / 5];
        int accumulator = 0;
        int bits = 0;
        int next = 0;
        for (byte b : bytes) {
            accumulator = (accumulator << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                words[next++] = (byte) ((accumulator >> bits) & 31);
            }
            accumulator &= (1 << bits) - 1;
        }
        if (bits > 0) {
            words[next] = (byte) ((accumulator << (5 - bits)) & 31);
        }
        return words;
    }

    /** Reads words[from, to) as one big-endian unsigned number; callers keep it within 12 words (60 bits). */
    static long wordsToLong(byte[] words, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = (value << 5) | words[i];
        }
        return value;
    }

    /** The fewest words that hold a non-negative number, as BOLT 11 wants for {@code x} and {@code c}. */
    static byte[] longToWords(long value) {
        int count = value == 0 ? 0 : (64 - Long.numberOfLeadingZeros(value) + 4) / 5;
        return longToWords(value, count);
    }

    /** A non-negative number in exactly {@code count} words, as the fixed 35-bit timestamp needs. */
    static byte[] longToWords(long value, int count) {
        byte[] words = new byte[count];
        for (int i = count - 1, shift = 0; i >= 0; i--, shift += 5) {
            words[i] = (byte) ((value >>> shift) & 31);
        }
        return words;
    }

    private static void checkCharactersAndCase(String text) {
        boolean hasLower = false;
        boolean hasUpper = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 33 || c > 126) {
                throw new Bolt11Exception(Reason.BAD_BECH32, "character at position " + i + " is not printable ASCII");
            }
            hasLower |= c >= 'a' && c <= 'z';
            hasUpper |= c >= 'A' && c <= 'Z';
        }
        if (hasLower && hasUpper) {
            throw new Bolt11Exception(Reason.BAD_BECH32, "mixes upper and lower case");
        }
    }

    private static byte[] checksum(String hrp, byte[] words) {
        byte[] padded = Arrays.copyOf(words, words.length + CHECKSUM_WORDS);
        int mod = polymod(expandHrp(hrp), padded) ^ BECH32_CONSTANT;
        byte[] checksum = new byte[CHECKSUM_WORDS];
        for (int i = 0; i < CHECKSUM_WORDS; i++) {
            checksum[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
        }
        return checksum;
    }

    private static byte[] expandHrp(String hrp) {
        int length = hrp.length();
        byte[] expanded = new byte[length * 2 + 1];
        for (int i = 0; i < length; i++) {
            char c = hrp.charAt(i);
            expanded[i] = (byte) (c >> 5);
            expanded[length + 1 + i] = (byte) (c & 31);
        }
        return expanded;
    }

    private static int polymod(byte[] expandedHrp, byte[] words) {
        int checksum = 1;
        checksum = feed(checksum, expandedHrp);
        return feed(checksum, words);
    }

    private static int feed(int checksum, byte[] values) {
        int chk = checksum;
        for (byte value : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ value;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= GENERATOR[i];
                }
            }
        }
        return chk;
    }
}
