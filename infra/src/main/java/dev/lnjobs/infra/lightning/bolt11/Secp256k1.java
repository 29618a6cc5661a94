package dev.lnjobs.infra.lightning.bolt11;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/** The secp256k1 operations BOLT 11 needs: recoverable compact signatures, key recovery, verification. */
final class Secp256k1 {

    private static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256k1");
    static final ECDomainParameters CURVE = new ECDomainParameters(
            PARAMETERS.getCurve(), PARAMETERS.getG(), PARAMETERS.getN(), PARAMETERS.getH());
    static final BigInteger ORDER = CURVE.getN();
    private static final BigInteger HALF_ORDER = ORDER.shiftRight(1);
    private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();
    private static final BigInteger FIELD_PRIME = CURVE.getCurve().getField().getCharacteristic();
    /** {@code BASE_TABLE[i][j]} is j·2^(8i)·G, affine: a nonce point k·G is one addition per byte of k. */
    private static final ECPoint[][] BASE_TABLE = baseTable();

    /** r and s of an ECDSA signature plus the id (0..3) that lets a verifier recover the public key. */
    record RecoverableSignature(BigInteger r, BigInteger s, int recoveryId) {

        /** The 65 bytes BOLT 11 puts in an invoice: 32-byte r, 32-byte s, one recovery-id byte. */
        byte[] toCompact() {
            byte[] compact = new byte[65];
            System.arraycopy(BigIntegers.asUnsignedByteArray(32, r), 0, compact, 0, 32);
            System.arraycopy(BigIntegers.asUnsignedByteArray(32, s), 0, compact, 32, 32);
            compact[64] = (byte) recoveryId;
            return compact;
        }

        static RecoverableSignature fromCompact(byte[] compact) {
            return new RecoverableSignature(
                    new BigInteger(1, Arrays.copyOfRange(compact, 0, 32)),
                    new BigInteger(1, Arrays.copyOfRange(compact, 32, 64)),
                    compact[64] & 0xff);
        }

        boolean hasScalarsInRange() {
            return inRange(r) && inRange(s);
        }

        /** Bitcoin's canonical form (s at most half the order), which a malleated copy would break. */
        boolean isLowS() {
            return s.compareTo(HALF_ORDER) <= 0;
        }

        /** The same signature with s replaced by n - s when high; it verifies for exactly the same keys. */
        RecoverableSignature withLowS() {
            return isLowS() ? this : new RecoverableSignature(r, ORDER.subtract(s), recoveryId);
        }
    }

    private Secp256k1() {
    }

    private static ECPoint[][] baseTable() {
        ECPoint[][] table = new ECPoint[32][256];
        ECPoint[] all = new ECPoint[32 * 255];
        ECPoint base = CURVE.getG();
        for (int i = 0; i < 32; i++) {
            table[i][0] = CURVE.getCurve().getInfinity();
            ECPoint multiple = base;
            for (int j = 1; j < 256; j++) {
                all[i * 255 + j - 1] = multiple;
                multiple = multiple.add(base);
            }
            base = base.timesPow2(8);
        }
        CURVE.getCurve().normalizeAll(all); // one field inversion for all of them
        for (int i = 0; i < 32; i++) {
            System.arraycopy(all, i * 255, table[i], 1, 255);
        }
        return table;
    }

    /**
     * k·G as the sum of 32 table points, one per byte of k: 32 mixed additions where BouncyCastle's comb takes 43
     * doublings and 43 additions (the stub node's two signatures a job were a tenth of the server's CPU). The table
     * look-up depends on k, so this is not constant time: it signs for the stub node only, whose key guards nothing
     * (a real node signs its own invoices).
     */
    static ECPoint multiplyBase(BigInteger k) {
        byte[] bytes = BigIntegers.asUnsignedByteArray(32, k);
        ECPoint sum = BASE_TABLE[0][bytes[31] & 0xff];
        for (int i = 1; i < 32; i++) {
            int digit = bytes[31 - i] & 0xff;
            if (digit != 0) {
                sum = sum.add(BASE_TABLE[i][digit]);
            }
        }
        return sum;
    }

    static boolean isValidPrivateKey(BigInteger secret) {
        return inRange(secret);
    }

    static byte[] compressedPublicKey(BigInteger secret) {
        return BASE_MULTIPLIER.multiply(CURVE.getG(), secret).normalize().getEncoded(true);
    }

    static Optional<ECPoint> decodePublicKey(byte[] encoded) {
        try {
            ECPoint point = CURVE.getCurve().decodePoint(encoded);
            return point.isInfinity() || !point.isValid() ? Optional.empty() : Optional.of(point);
        } catch (IllegalArgumentException notOnCurve) {
            return Optional.empty();
        }
    }

    /**
     * Deterministic (RFC 6979, HMAC-SHA256) signature, normalised to low S as Bitcoin and Lightning nodes emit. The
     * recovery id comes from the nonce point R itself: bit 0 is R's y parity (flipped when s is negated to low S),
     * bit 1 whether R's x was reduced modulo the order.
     */
    static RecoverableSignature sign(byte[] hash, BigInteger secret) {
        BigInteger e = new BigInteger(1, hash);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(ORDER, secret, hash);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint bigR = multiplyBase(k).normalize();
            BigInteger x = bigR.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(ORDER);
            BigInteger s = BigIntegers.modOddInverse(ORDER, k).multiply(e.add(secret.multiply(r))).mod(ORDER);
            if (r.signum() == 0 || s.signum() == 0) {
                continue; // never happens in practice; RFC 6979 says to take the next k
            }
            int recoveryId = (bigR.getAffineYCoord().testBitZero() ? 1 : 0) | (x.compareTo(ORDER) >= 0 ? 2 : 0);
            if (s.compareTo(HALF_ORDER) > 0) {
                return new RecoverableSignature(r, ORDER.subtract(s), recoveryId ^ 1);
            }
            return new RecoverableSignature(r, s, recoveryId);
        }
    }

    static boolean verify(byte[] hash, RecoverableSignature signature, ECPoint publicKey) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(publicKey, CURVE));
        return verifier.verifySignature(hash, signature.r(), signature.s());
    }

    /** SEC 1 v2 section 4.1.6; empty when the id names no point on the curve. Accepts high and low S alike. */
    static Optional<byte[]> recoverPublicKey(byte[] hash, RecoverableSignature signature) {
        int recoveryId = signature.recoveryId();
        if (recoveryId < 0 || recoveryId > 3 || !signature.hasScalarsInRange()) {
            return Optional.empty();
        }
        BigInteger x = signature.r().add(ORDER.multiply(BigInteger.valueOf(recoveryId / 2)));
        if (x.compareTo(FIELD_PRIME) >= 0) {
            return Optional.empty();
        }
        byte[] compressedR = new byte[33];
        compressedR[0] = (byte) ((recoveryId & 1) == 1 ? 0x03 : 0x02);
        System.arraycopy(BigIntegers.asUnsignedByteArray(32, x), 0, compressedR, 1, 32);
        // secp256k1 has cofactor 1, so any point on the curve has order n and needs no extra check.
        Optional<ECPoint> bigR = decodePublicKey(compressedR);
        if (bigR.isEmpty()) {
            return Optional.empty();
        }
        BigInteger e = new BigInteger(1, hash);
        BigInteger rInverse = signature.r().modInverse(ORDER);
        BigInteger minusEOverR = ORDER.subtract(e.mod(ORDER)).multiply(rInverse).mod(ORDER);
        BigInteger sOverR = signature.s().multiply(rInverse).mod(ORDER);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), minusEOverR, bigR.get(), sOverR);
        return q.isInfinity() ? Optional.empty() : Optional.of(q.normalize().getEncoded(true));
    }

    private static boolean inRange(BigInteger scalar) {
        return scalar.signum() > 0 && scalar.compareTo(ORDER) < 0;
    }
}
