package dev.lnjobs.server.lightning;

import dev.lnjobs.api.lightning.RefundAddressRejected;
import dev.lnjobs.sagas.lightning.LightningAddresses;

import java.util.Locale;

/**
 * The {@code refundAddress} a job or a session may be created with: absent (null), or a Lightning Address
 * ({@code name@domain}, LUD-16), kept in lower case. Anything else is a 400 naming the field; whether the address
 * answers is only learnt when it is paid (a failure then leaves the money claimable).
 */
public final class RefundAddresses {

    /** LUD-16's 64 characters of name, a 253-character domain and the '@'. */
    static final int MAX_CHARS = 318;

    private RefundAddresses() {
    }

    public static String check(String address) {
        if (address == null) {
            return null;
        }
        if (address.length() > MAX_CHARS || !LightningAddresses.isWellFormed(address)) {
            throw new RefundAddressRejected("refundAddress must be a Lightning Address (name@domain: a-z, 0-9 and "
                    + "-_.+ before the '@', a DNS name after it)");
        }
        return address.toLowerCase(Locale.ROOT);
    }
}
