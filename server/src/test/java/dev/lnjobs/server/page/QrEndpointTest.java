package dev.lnjobs.server.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** QR codes of invoices, drawn by the server; what is not payment data is refused. */
class QrEndpointTest extends ServerTest {

    private static final Pattern MODULE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");

    @Test
    void an_invoice_becomes_an_svg_of_at_least_200_px_that_scans_back_to_it() throws Exception {
        JsonNode job = api().postJson("/api/jobs", "{\"request\": \"a QR code\"}").body();
        String invoice = job.path("evalInvoice").path("paymentRequest").asText();

        ApiClient.Response qr = api().get("/api/qr?data=" + encode("lightning:" + invoice));

        assertThat(qr.status()).isEqualTo(200);
        assertThat(qr.contentType()).startsWith("image/svg+xml");
        assertThat(qr.header("Content-Security-Policy")).isEqualTo("default-src 'none'");
        String svg = qr.raw().body();
        assertThat(svg).startsWith("<svg").contains("width=\"256\"", "height=\"256\"").doesNotContain("<script");
        assertThat(scan(svg)).isEqualTo("LIGHTNING:" + invoice.toUpperCase());
    }

    @Test
    void an_lnurl_is_drawn_too() {
        // LUD-01's example
        String lnurl = "LNURL1DP68GURN8GHJ7UM9WFMXJCM99E3K7MF0V9CXJ0M385EKVCENXC6R2C35XVUKXEFCV5MKVV34X5EKZD3EV56NYD3H"
                + "XQURZEPEXEJXXEPNXSCRVWFNV9NXZCN9XQ6XYEFHVGCXXCMYXYMNSERXFQ5FNS";
        assertThat(api().get("/api/qr?data=" + lnurl).status()).isEqualTo(200);
    }

    @Test
    void refuses_what_is_not_payment_data_or_is_too_long() {
        for (String data : new String[]{"", "https://example.com/", "<script>alert(1)</script>", "lnbc1",
                "lnbcrt10n1Pmixedcase", "bitcoin:bcrt1qxyz", "lnbcrt1" + "q".repeat(QrSvg.MAX_DATA_CHARS)}) {
            ApiClient.Response answer = api().get("/api/qr?data=" + encode(data));
            assertThat(answer.status()).as(data).isEqualTo(400);
            assertThat(answer.contentType()).as(data).startsWith("application/problem+json");
        }
        assertThat(api().get("/api/qr").status()).isEqualTo(400);
    }

    private static String encode(String data) {
        return URLEncoder.encode(data, StandardCharsets.UTF_8);
    }

    /** Paints the SVG's modules into pixels (4 per module) and reads them back with zxing's decoder. */
    private static String scan(String svg) throws Exception {
        Matcher size = Pattern.compile("viewBox=\"0 0 (\\d+) \\d+\"").matcher(svg);
        assertThat(size.find()).isTrue();
        int modules = Integer.parseInt(size.group(1));
        int scale = 4;
        int side = modules * scale;
        int[] pixels = new int[side * side];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        Matcher module = MODULE.matcher(svg);
        while (module.find()) {
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * side + x * scale + dx] = 0;
                }
            }
        }
        LuminanceSource source = new RGBLuminanceSource(side, side, pixels);
        // a synthesized image is a pure barcode: read as such, not searched for finder patterns as in a photo
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
