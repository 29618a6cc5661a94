package dev.lnjobs.infra.lightning;

import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.lightning.OutgoingPayment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A Lightning node for development: invoices live in the {@code stub_invoice} table and are paid by
 * {@link #markPaid}, which the dev-only stub pay endpoint calls. Invoices are BOLT 11 on regtest, signed by
 * {@link #NODE_KEY}, with payment_hash = sha256(preimage). Outgoing payments always succeed.
 */
public class StubLightningNode implements LightningNode {

    private static final Logger log = LoggerFactory.getLogger(StubLightningNode.class);
    private static final HexFormat HEX = HexFormat.of();
    /** A fixed, public key: stub invoices are real BOLT 11 that any decoder reads, but worth nothing. */
    public static final NodeKey NODE_KEY = NodeKey.fromPrivateKey(sha256(
            "lnjobs stub lightning node".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public StubLightningNode(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        log.info("Lightning: STUB mode (LNBITS_URL/LNBITS_API_KEY absent); pay invoices with "
                + "POST /api/dev/stub/pay/{paymentHash}");
    }

    @Override
    public Invoice createInvoice(long amountSats, String memo, Duration expiry) {
        byte[] preimage = new byte[32];
        random.nextBytes(preimage);
        String paymentHash = HEX.formatHex(sha256(preimage));
        Instant now = clock.instant();
        Instant expiresAt = now.plus(expiry);
        byte[] paymentSecret = new byte[32];
        random.nextBytes(paymentSecret);
        String paymentRequest = Bolt11.encode(BitcoinNetwork.REGTEST, amountSats * 1000, now, paymentHash,
                HEX.formatHex(paymentSecret), memo, expiry.toSeconds(), NODE_KEY);
        jdbc.update("INSERT INTO stub_invoice (payment_hash, payment_request, amount_sats, memo, direction, "
                        + "created_at, expires_at, preimage) VALUES (?, ?, ?, ?, 'in', ?, ?, ?)",
                paymentHash, paymentRequest, amountSats, memo, Timestamp.from(now), Timestamp.from(expiresAt),
                preimage);
        return new Invoice(paymentHash, paymentRequest, amountSats, expiresAt);
    }

    @Override
    public PaymentStatus checkPayment(String paymentHash) {
        List<Boolean> paid = jdbc.queryForList("SELECT paid_at IS NOT NULL FROM stub_invoice WHERE payment_hash = ?",
                Boolean.class, paymentHash);
        if (paid.isEmpty()) {
            return PaymentStatus.UNKNOWN;
        }
        return paid.get(0) ? PaymentStatus.PAID : PaymentStatus.PENDING;
    }

    /** An outgoing stub payment settles at once, without fee; a hash it never paid is unknown. */
    @Override
    public OutgoingPayment checkOutgoingPayment(String paymentHash) {
        List<Boolean> paid = jdbc.queryForList("SELECT paid_at IS NOT NULL FROM stub_invoice WHERE payment_hash = ? "
                + "AND direction = 'out'", Boolean.class, paymentHash);
        if (paid.isEmpty()) {
            return OutgoingPayment.unknown();
        }
        return paid.get(0) ? OutgoingPayment.settled(0L) : OutgoingPayment.inFlight();
    }

    /** Pays at most once per hash (a second pay of the same invoice changes nothing) and costs no fee. */
    @Override
    public OutgoingPayment payInvoice(String bolt11, long maxFeeSats) {
        String paymentHash = Bolt11.decode(bolt11).paymentHash();
        Instant now = clock.instant();
        jdbc.update("INSERT INTO stub_invoice (payment_hash, payment_request, amount_sats, direction, created_at, "
                + "paid_at) VALUES (?, ?, 0, 'out', ?, ?) ON CONFLICT (payment_hash) DO NOTHING",
                paymentHash, bolt11, Timestamp.from(now), Timestamp.from(now));
        return checkOutgoingPayment(paymentHash);
    }

    /** Marks an incoming stub invoice paid (again: no change); answers false when there is no such invoice. */
    public boolean markPaid(String paymentHash) {
        return pay(paymentHash).isPresent();
    }

    /**
     * Marks an incoming stub invoice paid (again: no change), in one statement, and answers what the paying wallet
     * learns: its preimage (hex; null for invoices made before preimages were kept). Empty: no such invoice.
     */
    public Optional<Paid> pay(String paymentHash) {
        List<Paid> paid = jdbc.query("UPDATE stub_invoice SET paid_at = COALESCE(paid_at, ?) WHERE payment_hash = ? "
                        + "AND direction = 'in' RETURNING preimage",
                (row, i) -> new Paid(Optional.ofNullable(row.getBytes(1)).map(HEX::formatHex).orElse(null)),
                Timestamp.from(clock.instant()), paymentHash);
        return paid.stream().findFirst();
    }

    /** A paid incoming stub invoice, as its payer sees it. */
    public record Paid(String preimage) {
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
