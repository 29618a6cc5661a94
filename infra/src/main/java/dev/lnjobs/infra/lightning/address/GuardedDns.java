package dev.lnjobs.infra.lightning.address;

import okhttp3.Dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves a host and refuses it when any address it resolves to is not public, so that the connection okhttp
 * then opens goes to an address that was checked (okhttp connects to exactly the addresses this answers: no
 * second lookup a rebinding DNS server could answer differently). With the test allowance, loopback passes too.
 */
final class GuardedDns implements Dns {

    /** okhttp's own test for a host it connects to without asking the Dns (IPv6, and IPv4 in any dotted form). */
    private static final Pattern IP_LITERAL = Pattern.compile("([0-9a-fA-F]*:[0-9a-fA-F:.]*)|([\\d.]+)");

    private final Dns resolver;
    private final boolean allowLoopback;

    GuardedDns(Dns resolver, boolean allowLoopback) {
        this.resolver = resolver;
        this.allowLoopback = allowLoopback;
    }

    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        List<InetAddress> addresses = resolver.lookup(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host + " resolves to no address");
        }
        for (InetAddress address : addresses) {
            requireAllowed(host, address);
        }
        return addresses;
    }

    /** An IP literal in a URL is never passed to the Dns by okhttp, so it is checked here before any call. */
    void requireAllowedLiteral(String host) throws BlockedAddressException {
        if (!IP_LITERAL.matcher(host).matches()) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                requireAllowed(host, address);
            }
        } catch (UnknownHostException e) {
            throw new BlockedAddressException(host + " is not an address that may be called");
        }
    }

    private void requireAllowed(String host, InetAddress address) throws BlockedAddressException {
        if (!PublicAddresses.isPublic(address) && !(allowLoopback && PublicAddresses.isLoopback(address))) {
            throw new BlockedAddressException(host + " resolves to " + address.getHostAddress()
                    + ", which is not a public address");
        }
    }

    /** A host this service must not call; never worth another try. An IOException, so okhttp passes it on. */
    static final class BlockedAddressException extends UnknownHostException {
        BlockedAddressException(String message) {
            super(message);
        }
    }
}
