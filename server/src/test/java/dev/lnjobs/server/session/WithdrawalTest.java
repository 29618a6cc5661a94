package dev.lnjobs.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.infra.lightning.StubLightningNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.sagas.lightning.LightningAddresses;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.lightning.OutgoingPayment;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Withdrawing a session's balance over HTTP, on the stub node: to an invoice, to a Lightning Address (a test
 * resolver), refused and repeated ones, a payout the node fails. A 500-sat deposit keeps back a fee reserve of
 * 1 % = 5 sats, so the invoice must be for 495.
 */
@Import(WithdrawalTest.TestPorts.class)
class WithdrawalTest extends ServerTest {

    private static final NodeKey CLIENT_WALLET = NodeKey.fromPrivateKeyHex("33".repeat(32));
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Payment hashes the test node reports failed instead of paying. */
    static final Set<String> FAILING = ConcurrentHashMap.newKeySet();
    /** Payment hashes the test node holds in flight. */
    static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    @Autowired
    private JdbcTemplate jdbc;

    /** The stub node, except that it fails the payments the test names; and a resolver of any address. */
    @TestConfiguration
    static class TestPorts {

        @Bean
        @Primary
        LightningNode failingWhereTold(@Qualifier("lightningNode") LightningNode stub) {
            return new LightningNode() {
                @Override
                public Invoice createInvoice(long amountSats, String memo, Duration expiry) {
                    return stub.createInvoice(amountSats, memo, expiry);
                }

                @Override
                public PaymentStatus checkPayment(String paymentHash) {
                    return stub.checkPayment(paymentHash);
                }

                @Override
                public OutgoingPayment checkOutgoingPayment(String paymentHash) {
                    OutgoingPayment known = stub.checkOutgoingPayment(paymentHash);
                    boolean sent = known.state() != OutgoingPayment.State.UNKNOWN;
                    return sent && HELD.contains(paymentHash) ? OutgoingPayment.inFlight() : known;
                }

                @Override
                public OutgoingPayment payInvoice(String bolt11, long maxFeeSats) {
                    if (FAILING.contains(Bolt11.decode(bolt11).paymentHash())) {
                        return OutgoingPayment.failed("no route to the payee");
                    }
                    if (HELD.contains(Bolt11.decode(bolt11).paymentHash())) {
                        stub.payInvoice(bolt11, maxFeeSats); // sent, but in flight while held
                        return OutgoingPayment.inFlight();
                    }
                    return stub.payInvoice(bolt11, maxFeeSats);
                }
            };
        }

        /** Primary over the real resolver (LightningAddressConfiguration's), which would call out. */
        @Bean
        @Primary
        LightningAddresses anyAddress() {
            return (address, amountSats) -> {
                String bolt11 = clientInvoice(BitcoinNetwork.REGTEST, amountSats, CLIENT_WALLET);
                return new LightningAddresses.AddressInvoice(bolt11, Bolt11.decode(bolt11).paymentHash(),
                        amountSats);
            };
        }
    }

    static String clientInvoice(BitcoinNetwork network, long sats, NodeKey key) {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        return Bolt11.encode(network, sats * 1000, Instant.now(), HexFormat.of().formatHex(hash), "cd".repeat(32),
                "withdrawal", 3600, key);
    }

    private static String amountless() {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        return Bolt11.encode(BitcoinNetwork.REGTEST, null, Instant.now(), HexFormat.of().formatHex(hash),
                "cd".repeat(32), "withdrawal", 3600, CLIENT_WALLET);
    }

    private ApiClient.Response withdraw(SessionClient sessions, String sessionId, String json) {
        return api().postJsonWithBearer("/api/sessions/" + sessionId + "/withdraw", sessions.macaroon(sessionId),
                json);
    }

    private ApiClient.Response withdrawTo(SessionClient sessions, String sessionId, String invoice) {
        return withdraw(sessions, sessionId, "{\"invoice\": \"" + invoice + "\"}");
    }

    private JsonNode withdrawalWhen(SessionClient sessions, String sessionId, String state) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> api().getWithBearer("/api/sessions/" + sessionId
                + "/withdrawal", sessions.macaroon(sessionId)).body(), w -> state.equals(w.path("state").asText()));
    }

    @Test
    void a_withdrawal_to_an_invoice_pays_the_balance_less_the_reserve_once_and_closes_the_session() {
        SessionClient sessions = new SessionClient(api(), port);
        String sessionId = sessions.openAndPay(500);
        String invoice = clientInvoice(BitcoinNetwork.REGTEST, 495, CLIENT_WALLET);
        String hash = Bolt11.decode(invoice).paymentHash();

        ApiClient.Response accepted = withdrawTo(sessions, sessionId, invoice);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("state").asText()).isEqualTo("pending");
        assertThat(accepted.body().path("amountSats").asLong()).isEqualTo(495);
        assertThat(accepted.body().path("feeReserveSats").asLong()).isEqualTo(5);
        assertThat(accepted.body().path("paymentHash").asText()).isEqualTo(hash);
        JsonNode paid = withdrawalWhen(sessions, sessionId, "paid");
        assertThat(paid.path("feeSats").asLong()).isZero();
        assertThat(paid.path("reserveReturnedSats").asLong()).isEqualTo(5);
        JsonNode closed = sessions.pollUntil(sessionId, "closed");
        assertThat(closed.path("balanceSats").asLong()).isEqualTo(5);
        assertThat(outgoingPayments(hash)).isEqualTo(1);

        // the unspent reserve stays withdrawable, less a reserve of its own; then nothing is left but that reserve
        ApiClient.Response rest = withdrawTo(sessions, sessionId, clientInvoice(BitcoinNetwork.REGTEST, 3,
                CLIENT_WALLET));
        assertThat(rest.status()).isEqualTo(202);
        assertThat(rest.body().path("feeReserveSats").asLong()).isEqualTo(2);
        String restHash = rest.body().path("paymentHash").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> sessions.get(sessionId).body().path("balanceSats")
                .asLong() == 2 && outgoingPayments(restHash) == 1);
        withdrawalWhen(sessions, sessionId, "paid");
        ApiClient.Response again = withdrawTo(sessions, sessionId, clientInvoice(BitcoinNetwork.REGTEST, 1,
                CLIENT_WALLET));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("type").asText()).isEqualTo("urn:lnjobs:problem:withdrawal-already-requested");
        assertThat(again.body().path("paymentHash").asText()).isEqualTo(restHash);
        assertThat(sessions.request(sessionId, sessions.macaroon(sessionId), "What is a satoshi?").status())
                .isEqualTo(409);
        assertThat(outgoingPayments(hash)).isEqualTo(1);

        JsonNode ledger = api().getWithBearer("/api/admin/audit/ledger", "test-admin-token").body();
        assertThat(ledger.path("mismatches").asLong()).isZero();
        assertThat(ledger.path("totals").path("withdrawn").asLong()).isGreaterThanOrEqualTo(498);
    }

    @Test
    void a_withdrawal_repeated_while_the_first_is_in_flight_is_refused_naming_the_first() {
        SessionClient sessions = new SessionClient(api(), port);
        String sessionId = sessions.openAndPay(500);
        String held = clientInvoice(BitcoinNetwork.REGTEST, 495, CLIENT_WALLET);
        String hash = Bolt11.decode(held).paymentHash();
        HELD.add(hash);

        assertThat(withdrawTo(sessions, sessionId, held).status()).isEqualTo(202);
        ApiClient.Response again = withdrawTo(sessions, sessionId, clientInvoice(BitcoinNetwork.REGTEST, 495,
                CLIENT_WALLET));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("paymentHash").asText()).isEqualTo(hash);
        assertThat(again.body().path("detail").asText()).contains("has a withdrawal pending");
        JsonNode session = sessions.pollUntil(sessionId, "closed");
        assertThat(session.path("balanceSats").asLong()).isZero();
        assertThat(withdrawalWhen(sessions, sessionId, "pending").path("paymentHash").asText()).isEqualTo(hash);
    }

    @Test
    void each_invoice_check_is_named_when_it_fails_and_nothing_is_escrowed() {
        SessionClient sessions = new SessionClient(api(), port);
        String sessionId = sessions.openAndPay(500);
        assertCheck(sessions, sessionId, amountless(), "amount_present");
        assertCheck(sessions, sessionId, clientInvoice(BitcoinNetwork.REGTEST, 500, CLIENT_WALLET), "amount_exact");
        assertCheck(sessions, sessionId, clientInvoice(BitcoinNetwork.MAINNET, 495, CLIENT_WALLET), "network");
        assertCheck(sessions, sessionId, clientInvoice(BitcoinNetwork.REGTEST, 495, StubLightningNode.NODE_KEY),
                "not_ours");
        assertCheck(sessions, sessionId, "lnbcrt1garbage", "encoding");
        assertThat(withdraw(sessions, sessionId, "{\"lightningAddress\": \"not an address\"}").status())
                .isEqualTo(400);
        assertThat(withdraw(sessions, sessionId, "{}").status()).isEqualTo(400);
        assertThat(api().postJsonWithBearer("/api/sessions/" + sessionId + "/withdraw", null,
                "{\"invoice\": \"" + clientInvoice(BitcoinNetwork.REGTEST, 495, CLIENT_WALLET) + "\"}").status())
                .isEqualTo(401);
        JsonNode session = sessions.get(sessionId).body();
        assertThat(session.path("state").asText()).isEqualTo("active");
        assertThat(session.path("balanceSats").asLong()).isEqualTo(500);
    }

    @Test
    void a_withdrawal_to_a_lightning_address_pays_the_invoice_its_service_issued() {
        SessionClient sessions = new SessionClient(api(), port);
        String sessionId = sessions.openAndPay(1000);

        ApiClient.Response accepted = withdraw(sessions, sessionId, "{\"lightningAddress\": \"Alice@wallet.example\"}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("destination").asText()).isEqualTo("alice@wallet.example");
        assertThat(accepted.body().path("amountSats").asLong()).isEqualTo(990);
        assertThat(accepted.body().path("feeReserveSats").asLong()).isEqualTo(10);
        withdrawalWhen(sessions, sessionId, "paid");
        assertThat(outgoingPayments(accepted.body().path("paymentHash").asText())).isEqualTo(1);
    }

    @Test
    void many_concurrent_withdrawals_make_exactly_one_payment() throws Exception {
        SessionClient sessions = new SessionClient(api(), port);
        String sessionId = sessions.openAndPay(500);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<ApiClient.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String invoice = clientInvoice(BitcoinNetwork.REGTEST, 495, CLIENT_WALLET);
            HELD.add(Bolt11.decode(invoice).paymentHash()); // in flight until all were answered
            calls.add(() -> withdrawTo(sessions, sessionId, invoice));
        }
        List<ApiClient.Response> responses = new ArrayList<>();
        for (Future<ApiClient.Response> future : pool.invokeAll(calls)) {
            responses.add(future.get());
        }
        pool.shutdown();

        List<ApiClient.Response> accepted = responses.stream().filter(r -> r.status() == 202).toList();
        assertThat(accepted).hasSize(1);
        String hash = accepted.get(0).body().path("paymentHash").asText();
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).isIn(202, 409);
            assertThat(r.body().path("paymentHash").asText()).isEqualTo(hash);
        });
        HELD.clear();
        withdrawalWhen(sessions, sessionId, "paid");
        assertThat(outgoingPayments(hash)).isEqualTo(1);
        assertThat(eventCount(sessionId, "WithdrawalRequested")).isEqualTo(1);
        assertThat(eventCount(sessionId, "WithdrawalPaid")).isEqualTo(1);
    }

    @Test
    void a_payout_the_node_fails_puts_the_sats_back_and_they_can_be_withdrawn_again() {
        SessionClient sessions = new SessionClient(api(), port);
        String sessionId = sessions.openAndPay(500);
        String failing = clientInvoice(BitcoinNetwork.REGTEST, 495, CLIENT_WALLET);
        FAILING.add(Bolt11.decode(failing).paymentHash());

        assertThat(withdrawTo(sessions, sessionId, failing).status()).isEqualTo(202);

        JsonNode failed = withdrawalWhen(sessions, sessionId, "failed");
        assertThat(failed.path("failureReason").asText()).isEqualTo("no route to the payee");
        await().atMost(Duration.ofSeconds(20)).until(() -> sessions.get(sessionId).body().path("balanceSats")
                .asLong() == 500);
        assertThat(outgoingPayments(Bolt11.decode(failing).paymentHash())).isZero();

        String invoice = clientInvoice(BitcoinNetwork.REGTEST, 495, CLIENT_WALLET);
        assertThat(withdrawTo(sessions, sessionId, invoice).status()).isEqualTo(202);
        withdrawalWhen(sessions, sessionId, "paid");
        assertThat(outgoingPayments(Bolt11.decode(invoice).paymentHash())).isEqualTo(1);
    }

    private void assertCheck(SessionClient sessions, String sessionId, String invoice, String check) {
        ApiClient.Response response = withdrawTo(sessions, sessionId, invoice);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("check").asText()).isEqualTo(check);
    }

    private int outgoingPayments(String hash) {
        return jdbc.queryForObject("SELECT count(*) FROM stub_invoice WHERE direction = 'out' AND payment_hash = ?",
                Integer.class, hash);
    }

    private int eventCount(String sessionId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE ?", Integer.class, sessionId, "%$" + type);
    }
}
