package dev.lnjobs.infra.lightning.bolt11;

import dev.lnjobs.infra.lightning.bolt11.Bolt11Exception.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bech32 layer against the BIP-173 test vectors. */
class Bolt11Bech32Test {

    @ParameterizedTest
    @ValueSource(strings = {
            "A12UEL5L",
            "a12uel5l",
            "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
            "?1ezyfcl"})
    void accepts_and_reencodes_bip173_valid_strings(String valid) {
        Bech32.Decoded decoded = Bech32.decode(valid);

        assertThat(Bech32.encode(decoded.hrp(), decoded.words())).isEqualTo(valid.toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest(name = "\"{0}\" fails {1}")
    @CsvSource(delimiter = '|', value = {
            "\u007f1axkwrx | BAD_BECH32",
            "pzry9x0s0muk | BAD_BECH32",
            "1pzry9x0s0muk | BAD_BECH32",
            "x1b4n0q5v | BAD_BECH32",
            "li1dgmt3 | BAD_BECH32",
            "A1G7SGD8 | BAD_CHECKSUM",
            "10a06t8 | BAD_BECH32",
            "1qzzfhee | BAD_BECH32",
            "a1lqfn3a | BAD_CHECKSUM"})
    void rejects_bip173_invalid_strings_and_bech32m(String invalid, Reason reason) {
        assertThatThrownBy(() -> Bech32.decode(invalid))
                .isInstanceOfSatisfying(Bolt11Exception.class,
                        refused -> assertThat(refused.reason()).isEqualTo(reason));
    }

    @Test
    void has_no_90_character_limit() {
        byte[] words = new byte[1000];
        String long1000 = Bech32.encode("lnbc", words);

        assertThat(Bech32.decode(long1000).words()).hasSize(1000);
    }

    @Test
    void converts_between_bytes_and_words_with_zero_padding() {
        byte[] bytes = HexFormat.of().parseHex("0001020304050607080900010203040506070809000102030405060708090102");
        byte[] words = Bech32.bytesToWords(bytes);

        assertThat(words).hasSize(52);
        assertThat(Bech32.wordsToWholeBytes(words, 0, words.length)).isEqualTo(bytes);
        assertThat(Bech32.wordsToBytes(words, 0, words.length)).hasSize(33).endsWith((byte) 0);
        assertThat(Bech32.longToWords(60)).containsExactly(1, 28);
        assertThat(Bech32.wordsToLong(Bech32.longToWords(1496314658L, 7), 0, 7)).isEqualTo(1496314658L);
    }
}
