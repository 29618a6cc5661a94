package dev.lnjobs.infra.lightning.address;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.api.job.RefundInvoiceRejected;
import dev.lnjobs.infra.lightning.RefundInvoiceVerifier;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;
import dev.lnjobs.sagas.lightning.LightningAddresses;
import dev.lnjobs.sagas.lightning.LightningException;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Lightning Address payouts resolved by this service (LUD-16 over LUD-06): {@code GET
 * https://domain/.well-known/lnurlp/name} answers a payRequest, its callback with {@code amount} in msat answers
 * the invoice, which must be a payable invoice (as a refund invoice is checked) for exactly that amount and carry
 * sha256 of the metadata as its description hash. Every call: https to a public address only (checked after DNS and
 * the connection pinned to the checked address, no proxy), redirects followed only on the same host, bounded in
 * time and in size. {@link AddressFetchSettings#insecureTestOrigin()} is the tests' allowance, refused in production.
 */
public class LnurlPayLightningAddresses implements LightningAddresses {

    private static final Logger log = LoggerFactory.getLogger(LnurlPayLightningAddresses.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 3;

    private final OkHttpClient http;
    private final GuardedDns dns;
    private final AddressFetchSettings settings;
    private final RefundInvoiceVerifier verifier;
    private final HttpUrl testOrigin;

    public LnurlPayLightningAddresses(AddressFetchSettings settings, RefundInvoiceVerifier verifier, Dns resolver) {
        this.settings = settings;
        this.verifier = verifier;
        this.testOrigin = settings.insecureTestOrigin() == null ? null : HttpUrl.get(settings.insecureTestOrigin());
        this.dns = new GuardedDns(resolver, testOrigin != null);
        this.http = new OkHttpClient.Builder()
                .dns(dns)
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .callTimeout(settings.timeout())
                .build();
        if (testOrigin != null) {
            log.warn("Lightning Address: TEST ALLOWANCE on: well-known URLs at {}, http and loopback permitted",
                    testOrigin);
        }
    }

    @Override
    public AddressInvoice invoiceFor(String address, long amountSats) {
        if (!LightningAddresses.isWellFormed(address)) {
            throw new LightningException("'" + address + "' is not a Lightning Address (name@domain)", false);
        }
        String[] parts = address.toLowerCase(Locale.ROOT).split("@", 2);
        HttpUrl wellKnown = (testOrigin != null ? testOrigin.newBuilder() : new HttpUrl.Builder().scheme("https")
                .host(parts[1])).addPathSegments(".well-known/lnurlp").addPathSegment(parts[0]).build();
        JsonNode payRequest = fetch(wellKnown, "the address's payRequest");
        if (!"payRequest".equals(text(payRequest, "tag"))) {
            throw refused("the address answered no payRequest (tag '" + text(payRequest, "tag") + "')");
        }
        long amountMsat = Math.multiplyExact(amountSats, 1000L);
        long min = msat(payRequest, "minSendable");
        long max = msat(payRequest, "maxSendable");
        if (amountMsat < min || amountMsat > max) {
            throw refused("the address takes " + min + " to " + max + " msat, not " + amountMsat);
        }
        String metadata = text(payRequest, "metadata");
        HttpUrl callback = callback(text(payRequest, "callback"));
        JsonNode answer = fetch(callback.newBuilder().addQueryParameter("amount", Long.toString(amountMsat)).build(),
                "the address's invoice");
        String pr = text(answer, "pr");
        if (pr == null) {
            throw refused("the address's callback answered no invoice (pr)");
        }
        Bolt11Invoice invoice = verified(pr, amountSats);
        if (!sha256Hex(metadata).equals(invoice.descriptionHash())) {
            throw refused("the address's invoice does not commit to its metadata (description hash is not "
                    + "sha256 of the metadata)");
        }
        log.info("Lightning Address {} answered an invoice for {} sats (payment hash {})", address, amountSats,
                invoice.paymentHash());
        return new AddressInvoice(invoice.paymentRequest(), invoice.paymentHash(), amountSats);
    }

    private Bolt11Invoice verified(String pr, long amountSats) {
        try {
            return verifier.verify(pr, amountSats, hash -> false);
        } catch (RefundInvoiceRejected e) {
            throw refused("the address's invoice fails the check " + e.check().name().toLowerCase(Locale.ROOT)
                    + ": " + e.getMessage());
        }
    }

    private HttpUrl callback(String text) {
        HttpUrl url = text == null ? null : HttpUrl.parse(text);
        if (url == null) {
            throw refused("the address's callback is not a URL");
        }
        return url;
    }

    /** One GET, following redirects on the same host only; the URL's scheme and literal host are checked first. */
    private JsonNode fetch(HttpUrl url, String what) {
        HttpUrl current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            requireCallable(current);
            try (Response response = http.newCall(new Request.Builder().url(current).get()
                    .header("Accept", "application/json").build()).execute()) {
                if (response.isRedirect()) {
                    current = sameHostRedirect(url, response);
                    continue;
                }
                if (response.code() == 429 || response.code() >= 500) {
                    throw new LightningException(what + " answered HTTP " + response.code(), true);
                }
                JsonNode body = parse(readBounded(response.body()), what);
                if ("ERROR".equalsIgnoreCase(text(body, "status"))) {
                    throw refused(what + " refused: " + abbreviate(text(body, "reason")));
                }
                if (!response.isSuccessful()) {
                    throw refused(what + " answered HTTP " + response.code());
                }
                return body;
            } catch (GuardedDns.BlockedAddressException e) {
                throw refused(e.getMessage());
            } catch (IOException e) {
                throw new LightningException(what + " could not be fetched: " + e, true, e);
            }
        }
        throw refused(what + " redirected more than " + MAX_REDIRECTS + " times");
    }

    private void requireCallable(HttpUrl url) {
        boolean allowedHttp = testOrigin != null && url.scheme().equals("http");
        if (!url.isHttps() && !allowedHttp) {
            throw refused("only https is called, not " + url.scheme() + "://" + url.host());
        }
        try {
            dns.requireAllowedLiteral(url.host());
        } catch (GuardedDns.BlockedAddressException e) {
            throw refused(e.getMessage());
        }
    }

    private static HttpUrl sameHostRedirect(HttpUrl origin, Response response) {
        String location = response.header("Location");
        HttpUrl target = location == null ? null : response.request().url().resolve(location);
        if (target == null || !target.host().equals(origin.host())) {
            throw refused("a redirect to another host is not followed ("
                    + (target == null ? "no Location" : target.host()) + ")");
        }
        return target;
    }

    private String readBounded(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        if (body.contentLength() > settings.maxBodyBytes()) {
            throw refused("the answer is " + body.contentLength() + " bytes; at most " + settings.maxBodyBytes()
                    + " are read");
        }
        BufferedSource source = body.source();
        if (source.request(settings.maxBodyBytes() + 1L)) {
            throw refused("the answer is longer than " + settings.maxBodyBytes() + " bytes");
        }
        return source.getBuffer().readString(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String text, String what) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw refused(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw refused(what + " is not JSON");
        }
    }

    private static long msat(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
            throw refused("the address's " + field + " is not a positive whole number of msat");
        }
        return value.longValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String abbreviate(String text) {
        return text == null ? "(no reason)" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    static String sha256Hex(String text) {
        if (text == null) {
            throw refused("the address's payRequest has no metadata");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LightningException refused(String reason) {
        return new LightningException(reason, false);
    }
}
