package dev.lnjobs.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.nitram509.jmacaroons.CaveatPacket;
import com.github.nitram509.jmacaroons.MacaroonsBuilder;
import com.github.nitram509.jmacaroons.MacaroonsSerializer;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.macaroon.MacaroonCodec;
import dev.lnjobs.infra.macaroon.SessionMacaroons;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import io.swagger.v3.oas.annotations.Hidden;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An L402 client written from bLIP-0026 against the server: it reads the two challenges, checks the macaroon's
 * identifier and signature chain itself (and decodes it with jmacaroons), pays the invoice with the stub, and calls
 * again with {@code Authorization: L402 <macaroon>:<preimage>}: on the OpenAI-compatible route itself, and on a test
 * route under {@code /v1} that echoes the Authorization header the filter handed on.
 */
@Import(L402Test.EchoRoute.class)
@TestPropertySource(properties = "lnjobs.session.macaroon-root-key=" + L402Test.ROOT_KEY_HEX)
class L402Test extends ServerTest {

    static final String ROOT_KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final Pattern CHALLENGE = Pattern.compile("(LSAT|L402) macaroon=\"([A-Za-z0-9+/=]+)\", "
            + "invoice=\"(ln[a-z0-9]+)\"");
    private static final HexFormat HEX = HexFormat.of();

    @Autowired
    private SessionMacaroons sessionMacaroons;

    @Hidden
    @RestController
    static class EchoRoute {
        @RequestMapping("/v1/echo")
        Map<String, String> echo(@RequestHeader(name = "Authorization", required = false) String authorization) {
            return Map.of("authorization", String.valueOf(authorization));
        }
    }

    /** What the client keeps from a challenge. */
    private record Token(String macaroon, String invoice, byte[] identifier) {
    }

    @Test
    void a_call_without_credential_is_challenged_then_paid_and_authenticated_as_the_session() throws Exception {
        ApiClient.Response challenged = api().postJson("/v1/echo", "{}");
        assertThat(challenged.status()).isEqualTo(402);
        assertThat(challenged.body().path("error").path("code").asText()).isEqualTo("payment_required");
        assertThat(challenged.body().path("error").path("message").asText()).contains("L402");
        List<String> headers = challenged.raw().headers().allValues("WWW-Authenticate");
        assertThat(headers).hasSize(2);
        Matcher lsat = CHALLENGE.matcher(headers.get(0));
        Matcher l402 = CHALLENGE.matcher(headers.get(1));
        assertThat(lsat.matches()).isTrue();
        assertThat(l402.matches()).isTrue();
        assertThat(lsat.group(1)).isEqualTo("LSAT");
        assertThat(l402.group(1)).isEqualTo("L402");
        assertThat(lsat.group(2)).isEqualTo(l402.group(2));
        assertThat(lsat.group(3)).isEqualTo(l402.group(3));
        Token token = token(l402);

        String paymentHash = Bolt11.decode(token.invoice()).paymentHash();
        assertThat(Bolt11.decode(token.invoice()).amountSats()).isEqualTo(1000);
        ByteBuffer identifier = ByteBuffer.wrap(token.identifier());
        assertThat(token.identifier()).hasSize(66);
        assertThat(identifier.getShort()).isEqualTo((short) 0);
        byte[] hash = new byte[32];
        identifier.get(hash);
        assertThat(HEX.formatHex(hash)).isEqualTo(paymentHash);

        JsonNode paid = api().post("/api/dev/stub/pay/" + paymentHash).body();
        String preimage = paid.path("preimage").asText();
        assertThat(HEX.formatHex(sha256(HEX.parseHex(preimage)))).isEqualTo(paymentHash);

        for (String scheme : List.of("L402", "LSAT")) {
            ApiClient.Response authenticated = call(scheme + " " + token.macaroon() + ":" + preimage);
            assertThat(authenticated.status()).isEqualTo(200);
            String bearer = authenticated.body().path("authorization").asText();
            assertThat(bearer).startsWith("Bearer ");
            String sessionId = sessionOf(token);
            sessionMacaroons.verify(bearer.substring(7), sessionId, Instant.now());
            JsonNode session = api().getWithBearer("/api/sessions/" + sessionId, bearer.substring(7)).body();
            assertThat(session.path("state").asText()).isEqualTo("active");
            assertThat(session.path("balanceSats").asLong()).isEqualTo(1000);
        }
    }

    @Test
    void an_l402_paid_chat_completion_is_answered_and_debited_from_the_session_the_challenge_opened()
            throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-6\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"What is a satoshi?\"}]}";
        ApiClient.Response challenged = api().postJson("/v1/chat/completions", body);
        assertThat(challenged.status()).isEqualTo(402);
        Matcher l402 = CHALLENGE.matcher(challenged.raw().headers().allValues("WWW-Authenticate").get(1));
        assertThat(l402.matches()).isTrue();
        Token token = token(l402);
        String preimage = preimageOf(token);

        ApiClient.Response answered = api().send(HttpRequest.newBuilder(
                        URI.create(api().base() + "/v1/chat/completions"))
                .header("Authorization", "L402 " + token.macaroon() + ":" + preimage)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(answered.status()).as(answered.body().toString()).isEqualTo(200);
        assertThat(answered.body().path("object").asText()).isEqualTo("chat.completion");
        long cost = Long.parseLong(answered.raw().headers().firstValue("X-Cost-Sats").orElseThrow());
        long balance = Long.parseLong(answered.raw().headers().firstValue("X-Balance-Sats").orElseThrow());
        assertThat(cost).isPositive();
        assertThat(balance).isEqualTo(1000 - cost);
        assertThat(answered.body().path("usage").path("cost_sats").asLong()).isEqualTo(cost);
    }

    @Test
    void caveats_of_other_services_are_skipped_and_this_services_enforced() throws Exception {
        Token token = paidChallenge();
        String preimage = preimageOf(token);
        assertThat(call("L402 " + attenuated(token, "otherservice_capabilities=read") + ":" + preimage).status())
                .isEqualTo(200);
        assertThat(call("L402 " + attenuated(token, "lnjobs_capabilities=echo,chat") + ":" + preimage).status())
                .isEqualTo(200);
        long past = Instant.now().getEpochSecond() - 1;
        for (String caveat : List.of("lnjobs_valid_until=" + past, "lnjobs_capabilities=messages",
                "services=otherservice:0", "lnjobs_session=3f2504e0-4f89-41d3-9a0c-0305e82c3301")) {
            ApiClient.Response refused = call("L402 " + attenuated(token, caveat) + ":" + preimage);
            assertThat(refused.status()).as(caveat).isEqualTo(401);
            assertThat(refused.body().path("error").path("code").asText()).isEqualTo("invalid_l402");
        }
        long future = Instant.now().getEpochSecond() + 3600;
        assertThat(call("L402 " + attenuated(token, "lnjobs_valid_until=" + future) + ":" + preimage).status())
                .isEqualTo(200);
    }

    @Test
    void a_wrong_preimage_a_forged_macaroon_or_an_unpaid_invoice_is_refused_with_401() throws Exception {
        Token unpaid = token(challenge());
        String guessed = HEX.formatHex(new byte[32]);
        assertThat(call("L402 " + unpaid.macaroon() + ":" + guessed).status()).isEqualTo(401);

        Token token = paidChallenge();
        String preimage = preimageOf(token);
        byte[] binary = Base64.getDecoder().decode(token.macaroon());
        binary[binary.length - 1] ^= 1; // the signature's last byte
        ApiClient.Response forged = call("L402 " + Base64.getEncoder().encodeToString(binary) + ":" + preimage);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/json");
        assertThat(forged.body().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(call("L402 " + token.macaroon() + ":" + preimage.substring(1) + "0").status()).isEqualTo(401);
        assertThat(call("L402 not-a-credential").status()).isEqualTo(401);
        // the other base64 alphabet, as Aperture's clients may send it
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getDecoder()
                .decode(token.macaroon()));
        assertThat(call("L402 " + url + ":" + preimage).status()).isEqualTo(200);
    }

    @Test
    void a_bearer_key_passes_untouched_and_the_model_list_is_not_challenged() {
        ApiClient.Response bearer = call("Bearer some-session-macaroon");
        assertThat(bearer.status()).isEqualTo(200);
        assertThat(bearer.body().path("authorization").asText()).isEqualTo("Bearer some-session-macaroon");
        assertThat(api().get("/v1/models").status()).isNotEqualTo(402);
        assertThat(api().get("/api/health").status()).isEqualTo(200);
    }

    private ApiClient.Response call(String authorization) {
        return api().send(HttpRequest.newBuilder(URI.create(api().base() + "/v1/echo"))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private Matcher challenge() {
        ApiClient.Response challenged = api().postJson("/v1/echo", "{}");
        assertThat(challenged.status()).isEqualTo(402);
        Matcher l402 = CHALLENGE.matcher(challenged.raw().headers().allValues("WWW-Authenticate").get(1));
        assertThat(l402.matches()).isTrue();
        return l402;
    }

    private Token paidChallenge() throws Exception {
        Token token = token(challenge());
        api().post("/api/dev/stub/pay/" + Bolt11.decode(token.invoice()).paymentHash());
        return token;
    }

    private String preimageOf(Token token) {
        return api().post("/api/dev/stub/pay/" + Bolt11.decode(token.invoice()).paymentHash()).body()
                .path("preimage").asText();
    }

    /**
     * Reads the macaroon as the spec's client does: the v2 binary's identifier and caveats; checks its signature chain
     * with the root key from first principles (per-token key = HMAC(HMAC(root, "lnjobs l402 v1"), identifier), then
     * libmacaroons' chain), and has jmacaroons, written by others, decode the same caveats.
     */
    private Token token(Matcher challenge) throws Exception {
        String macaroon = challenge.group(2);
        byte[] binary = Base64.getDecoder().decode(macaroon);
        assertThat(binary[0]).isEqualTo((byte) 2);
        var parsed = MacaroonCodec.fromBinary(binary);
        byte[] purpose = hmac(HEX.parseHex(ROOT_KEY_HEX), "lnjobs l402 v1".getBytes(StandardCharsets.UTF_8));
        byte[] rootKey = hmac(purpose, parsed.identifier());
        byte[] signature = hmac(hmac("macaroons-key-generator".getBytes(StandardCharsets.US_ASCII), rootKey),
                parsed.identifier());
        for (String caveat : parsed.caveats()) {
            signature = hmac(signature, caveat.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(HEX.formatHex(signature)).isEqualTo(parsed.signatureHex());

        com.github.nitram509.jmacaroons.Macaroon independent = MacaroonsBuilder.deserialize(
                Base64.getUrlEncoder().withoutPadding().encodeToString(binary), MacaroonsSerializer.V2);
        List<String> caveats = new ArrayList<>();
        for (CaveatPacket packet : independent.caveatPackets) {
            caveats.add(packet.getValueAsText());
        }
        assertThat(caveats).isEqualTo(parsed.caveats());
        assertThat(caveats.get(0)).isEqualTo("services=lnjobs:0");
        assertThat(caveats.get(1)).startsWith("lnjobs_session=");
        assertThat(independent.location).isEqualTo("lnjobs");
        assertThat(independent.signature).isEqualTo(parsed.signatureHex());
        return new Token(macaroon, challenge.group(3), parsed.identifier());
    }

    private static String sessionOf(Token token) {
        return MacaroonCodec.fromBinary(Base64.getDecoder().decode(token.macaroon())).caveats().get(1)
                .substring("lnjobs_session=".length());
    }

    /** The holder's attenuation: one more first-party caveat, chained from the signature. */
    private static String attenuated(Token token, String caveat) {
        var macaroon = MacaroonCodec.fromBinary(Base64.getDecoder().decode(token.macaroon())).withCaveat(caveat);
        return Base64.getEncoder().encodeToString(MacaroonCodec.toBinary(macaroon));
    }

    private static byte[] hmac(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
