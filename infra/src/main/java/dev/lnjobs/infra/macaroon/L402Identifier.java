package dev.lnjobs.infra.macaroon;

import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The identifier of an L402 macaroon (bLIP-0026, version 0): 66 bytes, big-endian, a uint16 version (0), the 32-byte
 * payment hash of the invoice that pays for the token, and a 32-byte random token id.
 */
public record L402Identifier(byte[] paymentHash, byte[] tokenId) {

    public static final int VERSION = 0;
    public static final int BYTES = 2 + 32 + 32;

    public L402Identifier {
        Objects.requireNonNull(paymentHash, "paymentHash");
        Objects.requireNonNull(tokenId, "tokenId");
        if (paymentHash.length != 32 || tokenId.length != 32) {
            throw new IllegalArgumentException("the payment hash and the token id are 32 bytes each");
        }
        paymentHash = paymentHash.clone();
        tokenId = tokenId.clone();
    }

    public byte[] encode() {
        return ByteBuffer.allocate(BYTES).putShort((short) VERSION).put(paymentHash).put(tokenId).array();
    }

    /** @throws MacaroonRejectedException MALFORMED for anything but 66 bytes of version 0 */
    public static L402Identifier decode(byte[] identifier) {
        if (identifier.length != BYTES) {
            throw new MacaroonRejectedException(Reason.MALFORMED, "an L402 identifier is " + BYTES + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(identifier);
        int version = Short.toUnsignedInt(in.getShort());
        if (version != VERSION) {
            throw new MacaroonRejectedException(Reason.MALFORMED, "unknown L402 identifier version " + version);
        }
        return new L402Identifier(Arrays.copyOfRange(identifier, 2, 34), Arrays.copyOfRange(identifier, 34, BYTES));
    }

    @Override
    public byte[] paymentHash() {
        return paymentHash.clone();
    }

    @Override
    public byte[] tokenId() {
        return tokenId.clone();
    }

    public String paymentHashHex() {
        return HexFormat.of().formatHex(paymentHash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof L402Identifier that && Arrays.equals(paymentHash, that.paymentHash)
                && Arrays.equals(tokenId, that.tokenId);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(paymentHash) + Arrays.hashCode(tokenId);
    }

    @Override
    public String toString() {
        return "L402Identifier[paymentHash=" + paymentHashHex() + "]";
    }
}
