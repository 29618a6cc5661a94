package dev.lnjobs.infra.lightning.address;

import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.sagas.lightning.LightningAddresses;
import dev.lnjobs.sagas.lightning.LightningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Stub mode's Lightning Addresses: every well-formed address answers at once, as a LUD-16 service would, a regtest
 * invoice for the amount with sha256 of its metadata as description hash, signed by a fixed stub payee key (not
 * the stub node's, so the stub node pays it as someone else's). An address whose name starts with {@code fail}
 * (e.g. {@code fail@stub.invalid}) refuses for good, so the path where an address fails can be driven too.
 */
public class StubLightningAddresses implements LightningAddresses {

    private static final Logger log = LoggerFactory.getLogger(StubLightningAddresses.class);
    private static final HexFormat HEX = HexFormat.of();
    static final NodeKey PAYEE_KEY = NodeKey.fromPrivateKey(sha256("lnjobs stub lightning address payee"
            .getBytes(StandardCharsets.UTF_8)));

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public StubLightningAddresses(Clock clock) {
        this.clock = clock;
        log.info("Lightning Address: STUB mode (stub Lightning node); every address answers a regtest invoice, "
                + "fail*@… refuses");
    }

    /** The metadata the stub's payRequest would carry for this address (LUD-06: a JSON array as text). */
    public static String metadata(String address) {
        return "[[\"text/identifier\",\"" + address.toLowerCase(Locale.ROOT) + "\"],[\"text/plain\",\"stub\"]]";
    }

    @Override
    public AddressInvoice invoiceFor(String address, long amountSats) {
        if (!LightningAddresses.isWellFormed(address)) {
            throw new LightningException("'" + address + "' is not a Lightning Address (name@domain)", false);
        }
        if (address.toLowerCase(Locale.ROOT).startsWith("fail")) {
            throw new LightningException("the stub address " + address + " refuses every payment", false);
        }
        byte[] preimage = new byte[32];
        random.nextBytes(preimage);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String paymentHash = HEX.formatHex(sha256(preimage));
        String descriptionHash = HEX.formatHex(sha256(metadata(address).getBytes(StandardCharsets.UTF_8)));
        String bolt11 = Bolt11.encodeWithDescriptionHash(BitcoinNetwork.REGTEST, amountSats * 1000, clock.instant(),
                paymentHash, HEX.formatHex(secret), descriptionHash, 600, PAYEE_KEY);
        return new AddressInvoice(bolt11, paymentHash, amountSats);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
