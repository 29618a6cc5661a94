package dev.lnjobs.server.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    @Test
    void ipv6_addresses_in_one_64_share_a_bucket() {
        String one = ClientAddress.of("2001:db8:1:2:0:0:0:1");
        assertThat(one).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.of("2001:db8:1:2:ffff:ffff:ffff:fffe")).isEqualTo(one);
        assertThat(ClientAddress.of("2001:0db8:0001:0002:abcd::7")).isEqualTo(one);
        assertThat(ClientAddress.of("[2001:db8:1:2::42]")).isEqualTo(one);
        assertThat(ClientAddress.of("2001:db8:1:2::42%eth0")).isEqualTo(one);
    }

    @Test
    void ipv6_addresses_in_other_64s_do_not() {
        assertThat(ClientAddress.of("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(ClientAddress.of("2001:db8:2:2::1")).isNotEqualTo(ClientAddress.of("2001:db8:1:2::1"));
    }

    @Test
    void ipv4_addresses_count_one_by_one_also_when_mapped_into_ipv6() {
        assertThat(ClientAddress.of("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("203.0.113.8")).isEqualTo("203.0.113.8");
        assertThat(ClientAddress.of("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void anything_else_is_its_own_bucket_never_looked_up() {
        assertThat(ClientAddress.of(null)).isEqualTo("unknown");
        assertThat(ClientAddress.of(" ")).isEqualTo("unknown");
        assertThat(ClientAddress.of("proxy.example")).isEqualTo("proxy.example");
        assertThat(ClientAddress.of("x".repeat(200))).hasSize(64);
    }
}
