package dev.lnjobs.infra.lightning.address;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** The classifier on literals of every refused range, their IPv6 carriers, and public addresses next to them. */
class PublicAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "0.0.0.0", "0.1.2.3",                              // this network
        "10.0.0.1", "10.255.255.255",                      // private
        "100.64.0.1", "100.127.255.254",                   // CGNAT
        "127.0.0.1", "127.255.255.254",                    // loopback
        "169.254.0.1", "169.254.169.254",                  // link-local, cloud metadata
        "172.16.0.1", "172.31.255.254",                    // private
        "192.0.0.1", "192.0.2.1", "192.88.99.1",           // IETF, TEST-NET-1, 6to4 relay
        "192.168.0.1", "192.168.255.254",                  // private
        "198.18.0.1", "198.19.255.254",                    // benchmarking
        "198.51.100.1", "203.0.113.1",                     // TEST-NET-2 and -3
        "224.0.0.1", "239.255.255.250",                    // multicast
        "240.0.0.1", "255.255.255.255",                    // reserved, broadcast
        "::", "::1",                                       // unspecified, loopback
        "fe80::1", "fe80::1ff:fe23:4567:890a",             // link-local
        "fc00::1", "fd12:3456:789a::1", "fd00:ec2::254",   // unique-local, AWS metadata
        "fec0::1",                                         // site-local
        "ff02::1", "ff05::2",                              // multicast
        "100::1",                                          // discard-only
        "2001:db8::1", "3fff::1",                          // documentation
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",            // Teredo
        "2001:10::1", "2001:20::1",                        // ORCHID
        "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", // IPv4-mapped
        "::10.1.2.3",                                      // IPv4-compatible
        "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1",           // NAT64 of metadata and loopback
        "2002:7f00:1::1", "2002:a00:1::1"                  // 6to4 of loopback and private
    })
    void refuses(String literal) throws UnknownHostException {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(literal))).as(literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.1", "100.63.255.255", "100.128.0.1", "126.255.255.255",
        "128.0.0.1", "169.253.255.255", "169.255.0.1", "172.15.255.255", "172.32.0.1", "192.0.1.1", "192.167.1.1",
        "192.169.0.1", "198.17.255.255", "198.20.0.1", "223.255.255.254",
        "2606:4700:4700::1111", "2a00:1450:4001:81c::200e", "::ffff:1.1.1.1", "64:ff9b::808:808",
        "2002:808:808::1"
    })
    void allows(String literal) throws UnknownHostException {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    /** The JDK turns ::ffff:a.b.c.d into an IPv4 address; built as an IPv6 one, its bytes are judged alike. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "192.168.1.1", "100.64.0.1"})
    void judges_an_ipv4_mapped_ipv6_address_by_its_ipv4_address(String v4) throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, mapped, 12, 4);

        assertThat(PublicAddresses.isPublic(Inet6Address.getByAddress(null, mapped, -1))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void knows_loopback_for_the_test_allowance(String literal) throws UnknownHostException {
        assertThat(PublicAddresses.isLoopback(InetAddress.getByName(literal))).isTrue();
        assertThat(PublicAddresses.isLoopback(InetAddress.getByName("10.0.0.1"))).isFalse();
    }
}
