package dev.lnjobs.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lnjobs.api.problem.Problem;
import dev.lnjobs.api.problem.RuleViolation;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;
import dev.lnjobs.infra.lightning.bolt11.Lnurl;
import dev.lnjobs.server.config.LnurlWithdrawProperties;
import dev.lnjobs.server.session.LnurlWithdrawLinks.Link;
import dev.lnjobs.server.session.WithdrawalService.Payout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * LNURL-withdraw (LUD-03) of a session's balance. A link is figured as a withdrawal would be (the available balance
 * less the fee reserve; min = max = that amount) and escrows nothing yet: the escrow is taken when the wallet calls
 * back with its invoice, which is checked as a refund invoice is and then withdrawn through {@link WithdrawalService}
 * (destination {@code lnurl}), so the aggregate judges the balance again. An expired link thus has no escrow to give
 * back; a balance that changed meanwhile makes the callback an ERROR. The k1 (32 random bytes, in the link's URL) is
 * single-use and stored only as its sha256.
 */
@Service
class LnurlWithdrawService {

    private static final Logger log = LoggerFactory.getLogger(LnurlWithdrawService.class);
    static final String PATH = "/api/lnurlw/";
    static final String CALLBACK = PATH + "callback";
    private static final Pattern K1 = Pattern.compile("[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What {@code POST /api/sessions/{id}/withdraw/lnurl} answers. */
    record LnurlLink(String lnurl, String qrUrl, long amountSats, long feeReserveSats, Instant expiresAt) {
    }

    /** LUD-03's withdrawRequest. */
    record WithdrawRequest(String tag, String callback, String k1, String defaultDescription, long minWithdrawable,
                           long maxWithdrawable) {
    }

    /** LUD-03's answers to a callback (and its errors): {@code OK}, or {@code ERROR} with a reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LnurlStatus(String status, String reason) {

        static LnurlStatus ok() {
            return new LnurlStatus("OK", null);
        }

        static LnurlStatus error(String reason) {
            return new LnurlStatus("ERROR", reason);
        }
    }

    /** A refusal in LNURL's shape. */
    static final class LnurlRefused extends RuntimeException {
        LnurlRefused(String reason) {
            super(reason);
        }
    }

    private final WithdrawalService withdrawals;
    private final LnurlWithdrawLinks links;
    private final Duration ttl;
    private final String publicBaseUrl;
    private final Clock clock;

    LnurlWithdrawService(WithdrawalService withdrawals, LnurlWithdrawLinks links, LnurlWithdrawProperties properties,
                         Clock clock) {
        this.withdrawals = withdrawals;
        this.links = links;
        this.ttl = properties.ttl();
        this.publicBaseUrl = properties.publicBaseUrl();
        this.clock = clock;
    }

    /** A new link for the session's available balance, refused as a withdrawal now would be. */
    LnurlLink create(String sessionId, String requestBaseUrl) {
        Payout payout = withdrawals.payout(sessionId);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String k1 = HexFormat.of().formatHex(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        links.add(k1, sessionId, payout.amountSats(), payout.feeReserveSats(), now, expiresAt);
        String lnurl = Lnurl.encode(base(requestBaseUrl) + PATH + k1);
        log.info("LNURL-withdraw link for session {}: {} sats (fee reserve {}), until {}", sessionId,
                payout.amountSats(), payout.feeReserveSats(), expiresAt);
        return new LnurlLink(lnurl, "/api/qr?data=" + URLEncoder.encode(lnurl, StandardCharsets.UTF_8),
                payout.amountSats(), payout.feeReserveSats(), expiresAt);
    }

    WithdrawRequest withdrawRequest(String k1, String requestBaseUrl) {
        Link link = open(k1);
        long msat = link.amountSats() * 1000;
        return new WithdrawRequest("withdrawRequest", base(requestBaseUrl) + CALLBACK, k1,
                "Withdrawal of the balance of session " + link.sessionId(), msat, msat);
    }

    /** Checks the invoice, uses the k1, then withdraws: OK once the withdrawal is accepted (paid asynchronously). */
    LnurlStatus callback(String k1, String invoice) {
        Link link = open(k1);
        if (invoice == null || invoice.isBlank()) {
            throw new LnurlRefused("pr (the BOLT 11 invoice) is missing");
        }
        Bolt11Invoice checked;
        try {
            checked = withdrawals.check(invoice.strip(), link.amountSats());
        } catch (RuntimeException e) {
            throw refusal("the invoice is refused: ", e);
        }
        if (!links.use(k1, clock.instant())) {
            throw new LnurlRefused("this k1 was already used (or the link expired)");
        }
        try {
            withdrawals.request(link.sessionId(), "lnurl", checked, link.amountSats(), link.feeReserveSats());
        } catch (RuntimeException e) {
            throw refusal("the withdrawal was refused (the k1 is used up; make a new link): ", e);
        }
        return LnurlStatus.ok();
    }

    private Link open(String k1) {
        if (k1 == null || !K1.matcher(k1).matches()) {
            throw new LnurlRefused("k1 is not 64 lower-case hex digits");
        }
        Link link = links.find(k1).orElseThrow(() -> new LnurlRefused("no such withdraw link (unknown k1)"));
        if (link.usedAt() != null) {
            throw new LnurlRefused("this k1 was already used at " + link.usedAt());
        }
        if (!clock.instant().isBefore(link.expiresAt())) {
            throw new LnurlRefused("this withdraw link expired at " + link.expiresAt());
        }
        return link;
    }

    private static LnurlRefused refusal(String prefix, RuntimeException e) {
        String detail = RuleViolation.problemOf(e).map(Problem::detail).orElse(null);
        if (detail == null && e instanceof IllegalArgumentException) {
            detail = e.getMessage();
        }
        if (detail == null) {
            log.warn("LNURL-withdraw callback failed", e);
            detail = "the server could not take the withdrawal now";
        }
        return new LnurlRefused(prefix + detail);
    }

    private String base(String requestBaseUrl) {
        return publicBaseUrl != null ? publicBaseUrl : requestBaseUrl.replaceAll("/+$", "");
    }
}
