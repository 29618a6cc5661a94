package dev.lnjobs.sagas.lightning;

import java.util.regex.Pattern;

/**
 * Pays to a Lightning Address ({@code name@domain}, LUD-16 over LUD-06): the adapter fetches
 * {@code https://domain/.well-known/lnurlp/name}, then the callback with the amount in millisatoshis, and answers the
 * invoice only when it carries exactly that amount and a description hash equal to sha256 of the metadata. The address
 * is user input that makes the server call out, so the adapter resolves public addresses only (https, no loopback,
 * private, link-local or metadata ranges after DNS resolution, bounded time and size, no redirects to other hosts).
 */
public interface LightningAddresses {

    /** name@domain as LUD-16 allows it (lower-case a-z, 0-9 and -_.+ before the '@'), a DNS host name after it. */
    Pattern FORMAT = Pattern.compile(
            "[a-z0-9._+-]{1,64}@(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    /** Whether the address, compared in lower case as LUD-16 says, has that form. */
    static boolean isWellFormed(String address) {
        return address != null && FORMAT.matcher(address.toLowerCase(java.util.Locale.ROOT)).matches();
    }

    /**
     * An invoice for exactly {@code amountSats} from the address's service. Throws LightningException (transient when
     * trying again may help: time-outs, 5xx; not transient for a refused address, a bad answer or a blocked host).
     */
    AddressInvoice invoiceFor(String address, long amountSats);

    /** The invoice the address's service issued, already decoded and checked against the amount and metadata. */
    record AddressInvoice(String bolt11, String paymentHash, long amountSats) {
    }
}
