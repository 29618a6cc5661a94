package dev.lnjobs.server.page;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * QR codes of payment data as SVG, drawn by the server so the page needs no script library. Only what a wallet
 * scans is accepted: a BOLT 11 invoice or an LNURL (bech32, one case), optionally behind {@code lightning:}.
 * Encoded in upper case, which QR's alphanumeric mode packs densest (both are case-insensitive bech32).
 */
final class QrSvg {

    static final int MAX_DATA_CHARS = 2048;
    /** The drawn size in CSS pixels; the page may scale it, never below this. */
    static final int SIZE_PX = 256;

    private static final Pattern PAYMENT_DATA = Pattern.compile(
            "LN(BC|TB|TBS|BCRT|SB)([0-9]+[MUNP]?)?1[AC-HJ-NP-Z02-9]+|LNURL1[AC-HJ-NP-Z02-9]+");
    private static final String PREFIX = "lightning:";

    private QrSvg() {
    }

    /** The SVG of {@code data}; IllegalArgumentException (a 400) for anything that is not payment data. */
    static String of(String data) {
        if (data == null || data.isEmpty() || data.length() > MAX_DATA_CHARS) {
            throw new IllegalArgumentException("data must be a BOLT 11 invoice or an LNURL of at most "
                    + MAX_DATA_CHARS + " characters");
        }
        String payload = data.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? data.substring(PREFIX.length()) : data;
        String upper = payload.toUpperCase(Locale.ROOT);
        boolean oneCase = payload.equals(upper) || payload.equals(payload.toLowerCase(Locale.ROOT));
        if (!oneCase || !PAYMENT_DATA.matcher(upper).matches()) {
            throw new IllegalArgumentException("data must be a BOLT 11 invoice (ln…1…) or an LNURL (lnurl1…), "
                    + "optionally prefixed by lightning:");
        }
        return svg(matrix(data.length() == payload.length() ? upper : "LIGHTNING:" + upper));
    }

    private static BitMatrix matrix(String data) {
        try {
            return new QRCodeWriter().encode(data, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException | IllegalArgumentException e) {
            throw new IllegalArgumentException("data does not fit in a QR code");
        }
    }

    private static String svg(BitMatrix matrix) {
        int size = matrix.getWidth();
        StringBuilder path = new StringBuilder(size * size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + SIZE_PX + "\" height=\"" + SIZE_PX
                + "\" viewBox=\"0 0 " + size + " " + size + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#ffffff\"/>"
                + "<path fill=\"#000000\" d=\"" + path + "\"/></svg>";
    }
}
