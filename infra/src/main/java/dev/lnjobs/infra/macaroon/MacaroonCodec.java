package dev.lnjobs.infra.macaroon;

import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The libmacaroons version-2 binary format, carried as unpadded base64url so it fits an
 * {@code Authorization: Bearer} header unchanged. Layout (see libmacaroons {@code doc/format.txt}):
 *
 * <pre>
 *   0x02                                   version
 *   [1 location] 2 identifier 0            header section, then end-of-section
 *   ( [1 location] 2 id [4 vid] 0 )*       one section per caveat
 *   0                                      end of caveats
 *   6 signature                            32 bytes
 * </pre>
 *
 * Each field is its type byte, an unsigned LEB128 varint length, then that many bytes.
 *
 * <p>Decoding treats its input as hostile: it is bounded in size, checks every length against what
 * is left before reading, and turns every defect into {@link Reason#MALFORMED} rather than letting
 * an index or parsing exception escape. It rejects what this service never issues: third-party
 * caveats ({@link Reason#UNKNOWN_CAVEAT}), trailing bytes, and text fields that are not UTF-8.
 * It does not verify the signature; that is {@link MacaroonVerifier}'s job.
 */
public final class MacaroonCodec {

    /** Far above any session token (~220 chars), low enough that parsing garbage stays cheap. */
    public static final int MAX_TOKEN_CHARS = 4096;
    static final int MAX_BINARY_BYTES = MAX_TOKEN_CHARS / 4 * 3;

    private static final int VERSION = 2;
    private static final int END_OF_SECTION = 0;
    private static final int LOCATION = 1;
    private static final int IDENTIFIER = 2;
    private static final int VID = 4;
    private static final int SIGNATURE = 6;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private MacaroonCodec() {
    }

    /** The bearer-token form: base64url without padding. */
    public static String encode(Macaroon macaroon) {
        return BASE64URL.encodeToString(toBinary(macaroon));
    }

    public static byte[] toBinary(Macaroon macaroon) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        macaroon.location().ifPresent(location -> writeField(out, LOCATION, utf8(location)));
        writeField(out, IDENTIFIER, macaroon.identifier());
        out.write(END_OF_SECTION);
        for (String caveat : macaroon.caveats()) {
            writeField(out, IDENTIFIER, utf8(caveat));
            out.write(END_OF_SECTION);
        }
        out.write(END_OF_SECTION);
        writeField(out, SIGNATURE, macaroon.signature());
        return out.toByteArray();
    }

    /**
     * Parses a bearer token. Accepts the base64url alphabet only, with or without padding.
     *
     * @throws MacaroonRejectedException MALFORMED for anything that is not a v2 macaroon,
     *     UNKNOWN_CAVEAT for a third-party caveat
     */
    public static Macaroon decode(String token) {
        if (token == null || token.isEmpty()) {
            throw malformed("the token is empty");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw malformed("the token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        byte[] binary;
        try {
            binary = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw malformed("the token is not base64url");
        }
        return fromBinary(binary);
    }

    /** Parses the raw binary form; see {@link #decode} for what is rejected. */
    public static Macaroon fromBinary(byte[] binary) {
        if (binary == null || binary.length == 0) {
            throw malformed("the token is empty");
        }
        if (binary.length > MAX_BINARY_BYTES) {
            throw malformed("the token is longer than " + MAX_BINARY_BYTES + " bytes");
        }
        Reader in = new Reader(binary);
        int version = in.readByte("version");
        if (version != VERSION) {
            throw malformed("unsupported format version " + version + ", expected " + VERSION);
        }
        String location = in.hasField(LOCATION) ? text(in.readField(LOCATION, "location"), "location") : null;
        byte[] identifier = in.readField(IDENTIFIER, "identifier");
        in.expectEndOfSection("header");

        List<String> caveats = new ArrayList<>();
        while (!in.hasField(END_OF_SECTION)) {
            byte[] caveatLocation = in.hasField(LOCATION) ? in.readField(LOCATION, "caveat location") : null;
            byte[] predicate = in.readField(IDENTIFIER, "caveat");
            byte[] verificationId = in.hasField(VID) ? in.readField(VID, "caveat verification id") : null;
            in.expectEndOfSection("caveat");
            if (caveatLocation != null || verificationId != null) {
                // Well-formed, but this service only issues first-party caveats and has no discharge flow.
                throw new MacaroonRejectedException(Reason.UNKNOWN_CAVEAT, "third-party caveats are not supported");
            }
            caveats.add(text(predicate, "caveat"));
        }
        in.expectEndOfSection("caveat list");

        byte[] signature = in.readField(SIGNATURE, "signature");
        if (signature.length != Macaroon.SIGNATURE_BYTES) {
            throw malformed("the signature is " + signature.length + " bytes, expected " + Macaroon.SIGNATURE_BYTES);
        }
        if (!in.atEnd()) {
            throw malformed("unexpected bytes after the signature");
        }
        return new Macaroon(location, identifier, caveats, signature);
    }

    private static void writeField(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        int length = value.length;
        while (length >= 0x80) {
            out.write((length & 0x7f) | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(value);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Strict decoding, so that re-encoding yields the very bytes the signature covers. */
    private static String text(byte[] bytes, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed("the " + field + " is not valid UTF-8");
        }
    }

    private static MacaroonRejectedException malformed(String detail) {
        return new MacaroonRejectedException(Reason.MALFORMED, detail);
    }

    /** A cursor that checks every read against the remaining length. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean atEnd() {
            return position == bytes.length;
        }

        /** Whether the next byte is the given field type, without consuming it. */
        boolean hasField(int type) {
            if (atEnd()) {
                throw malformed("the token ends before the end-of-section marker");
            }
            return (bytes[position] & 0xff) == type;
        }

        int readByte(String what) {
            if (atEnd()) {
                throw malformed("the token ends inside the " + what);
            }
            return bytes[position++] & 0xff;
        }

        byte[] readField(int type, String what) {
            int actualType = readByte(what);
            if (actualType != type) {
                throw malformed("expected the " + what + " (field type " + type + ") but found type " + actualType);
            }
            int length = readLength(what);
            if (length > bytes.length - position) {
                throw malformed("the token ends inside the " + what);
            }
            byte[] value = new byte[length];
            System.arraycopy(bytes, position, value, 0, length);
            position += length;
            return value;
        }

        /** Unsigned LEB128; four groups of 7 bits already exceed {@link #MAX_BINARY_BYTES}. */
        private int readLength(String what) {
            int length = 0;
            for (int shift = 0; shift < 28; shift += 7) {
                int next = readByte(what + " length");
                length |= (next & 0x7f) << shift;
                if ((next & 0x80) == 0) {
                    return length;
                }
            }
            throw malformed("the " + what + " length is implausibly large");
        }

        void expectEndOfSection(String section) {
            int next = readByte(section);
            if (next != END_OF_SECTION) {
                throw malformed("expected the end of the " + section + " but found field type " + next);
            }
        }
    }
}
