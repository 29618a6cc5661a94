package dev.lnjobs.infra.lightning.bolt11;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LUD-01's published example (lnurl/luds, 01.md): the LNURL string and the URL it encodes, both ways. */
class LnurlTest {

    private static final String URL = "https://service.com/api?q="
            + "3fc3645b439ce8e7f2553a69e5267081d96dcd340693afabe04be7b0ccd178df";
    private static final String LNURL = "LNURL1DP68GURN8GHJ7UM9WFMXJCM99E3K7MF0V9CXJ0M385EKVCENXC6R2C35XVUKXEFCV5MKVV34"
            + "X5EKZD3EV56NYD3HXQURZEPEXEJXXEPNXSCRVWFNV9NXZCN9XQ6XYEFHVGCXXCMYXYMNSERXFQ5FNS";

    @Test
    void the_published_example_decodes_to_its_url() {
        assertThat(Lnurl.decode(LNURL)).isEqualTo(URL);
        assertThat(Lnurl.decode(LNURL.toLowerCase(Locale.ROOT))).isEqualTo(URL);
    }

    @Test
    void the_url_encodes_to_the_published_example_in_upper_case() {
        assertThat(Lnurl.encode(URL)).isEqualTo(LNURL);
    }

    @Test
    void a_typo_or_another_prefix_is_refused() {
        String typo = LNURL.substring(0, 20) + (LNURL.charAt(20) == 'Q' ? 'P' : 'Q') + LNURL.substring(21);
        assertThatThrownBy(() -> Lnurl.decode(typo)).isInstanceOf(Bolt11Exception.class);
        String invoiceLike = Bech32.encode("lnbc", Bech32.bytesToWords(URL.getBytes()));
        assertThatThrownBy(() -> Lnurl.decode(invoiceLike)).isInstanceOf(Bolt11Exception.class)
                .hasMessageContaining("lnbc");
    }
}
