package dev.lnjobs.server.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The address a limit counts a client by: an IPv4 address as it is, an IPv6 address by its /64 (one subscriber's
 * network, which a client can fill with addresses at will), an IPv4-mapped IPv6 address as its IPv4 address.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.-]+)?");
    private static final int MAX_LENGTH = 64;

    private ClientAddress() {
    }

    /** {@code remoteAddress} is the servlet's remote address, always a literal (never resolved through DNS). */
    public static String of(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        String address = remoteAddress.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (IPV4.matcher(address).matches() || !address.contains(":") || !IPV6.matcher(address).matches()) {
            return truncated(address);
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            return parsed instanceof Inet6Address ? network64(parsed.getAddress()) : parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return truncated(address);
        }
    }

    private static String network64(byte[] address) {
        StringBuilder prefix = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            int value = ((address[2 * group] & 0xff) << 8) | (address[2 * group + 1] & 0xff);
            prefix.append(Integer.toHexString(value)).append(':');
        }
        return prefix.append(":/64").toString();
    }

    private static String truncated(String address) {
        return address.length() <= MAX_LENGTH ? address : address.substring(0, MAX_LENGTH);
    }
}
