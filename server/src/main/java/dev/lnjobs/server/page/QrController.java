package dev.lnjobs.server.page;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/** The web page's QR codes: payment data in, SVG out. */
@RestController
class QrController {

    static final String SVG = "image/svg+xml";

    @Operation(summary = "A QR code (SVG, " + QrSvg.SIZE_PX + " px) of a BOLT 11 invoice or an LNURL",
            description = "data: a BOLT 11 invoice or an LNURL (bech32, one case), optionally prefixed by "
                    + "lightning:, at most " + QrSvg.MAX_DATA_CHARS + " characters; anything else is 400.")
    @GetMapping("/api/qr")
    ResponseEntity<String> qr(@RequestParam(required = false) String data) {
        String svg = QrSvg.of(data); // before the content type is chosen: a refusal is problem+json
        return ResponseEntity.ok().contentType(MediaType.valueOf(SVG))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                // the SVG is data, never a document that runs anything, even if opened on its own
                .header("Content-Security-Policy", "default-src 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .body(svg);
    }
}
