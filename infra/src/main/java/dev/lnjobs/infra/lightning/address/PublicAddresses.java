package dev.lnjobs.infra.lightning.address;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which IP addresses a call made on a user's behalf may reach: public unicast only. Refused: this network
 * (0.0.0.0/8), private (10/8, 172.16/12, 192.168/16), CGNAT (100.64/10), loopback (127/8, ::1), link-local
 * (169.254/16 with the cloud metadata 169.254.169.254, fe80::/10), IETF and documentation ranges, benchmarking
 * (198.18/15), multicast and reserved (224/3 of IPv4, ff00::/8), unique-local IPv6 (fc00::/7, with AWS's metadata
 * fd00:ec2::254), site-local, discard-only, and every IPv6 outside global unicast 2000::/3. IPv6 forms that carry an
 * IPv4 address (mapped, compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4 address; Teredo
 * (2001::/32) is refused, its embedded address being obfuscated.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    public static boolean isPublic(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return isPublicV4(v4.getAddress());
        }
        if (address instanceof Inet6Address v6) {
            return isPublicV6(v6.getAddress());
        }
        return false;
    }

    /** Whether the address is loopback, the only non-public range a test allowance may reach. */
    public static boolean isLoopback(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16 && embedsV4(b)) {
            return (b[12] & 0xff) == 127;
        }
        return address.isLoopbackAddress();
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0                                        // this network
                || a0 == 10                                     // private
                || a0 == 100 && a1 >= 64 && a1 <= 127           // CGNAT
                || a0 == 127                                    // loopback
                || a0 == 169 && a1 == 254                       // link-local, cloud metadata
                || a0 == 172 && a1 >= 16 && a1 <= 31            // private
                || a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2) // IETF protocol assignments, TEST-NET-1
                || a0 == 192 && a1 == 88 && a2 == 99            // 6to4 relay anycast
                || a0 == 192 && a1 == 168                       // private
                || a0 == 198 && (a1 == 18 || a1 == 19)          // benchmarking
                || a0 == 198 && a1 == 51 && a2 == 100           // TEST-NET-2
                || a0 == 203 && a1 == 0 && a2 == 113            // TEST-NET-3
                || a0 >= 224);                                  // multicast, reserved, broadcast
    }

    private static boolean isPublicV6(byte[] b) {
        if (embedsV4(b)) {
            return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        int w0 = (b[0] & 0xff) << 8 | b[1] & 0xff;
        int w1 = (b[2] & 0xff) << 8 | b[3] & 0xff;
        if (w0 == 0x2002) {                                     // 6to4: the IPv4 address in bits 16-47
            return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]});
        }
        if ((w0 & 0xe000) != 0x2000) {                          // outside global unicast 2000::/3: ULA, link-local,
            return false;                                       // site-local, multicast, loopback, discard, ...
        }
        return !(w0 == 0x2001 && w1 == 0x0000                   // Teredo
                || w0 == 0x2001 && w1 == 0x0db8                 // documentation
                || w0 == 0x2001 && (w1 & 0xfff0) == 0x0010      // ORCHIDv1 / ORCHIDv2 (2001:10::/28, 2001:20::/28)
                || w0 == 0x2001 && (w1 & 0xfff0) == 0x0020
                || w0 == 0x3fff && (w1 & 0xf000) == 0x0000);    // documentation 3fff::/20
    }

    /** ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, deprecated) and 64:ff9b::a.b.c.d (NAT64). */
    private static boolean embedsV4(byte[] b) {
        if (b.length != 16) {
            return false;
        }
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !allZero(b, 12, 16)
                && !(allZero(b, 12, 15) && b[15] == 1);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
        return mapped || compatible || nat64;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
