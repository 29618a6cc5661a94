package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerProcess;
import dev.lnjobs.server.support.StoreQueries;
import dev.lnjobs.testsupport.TestDatabases;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server JVM is killed with SIGKILL at random moments while clients drive a stream of jobs through the stub
 * flow (create, pay evaluation, pay work, sometimes claim the refund) and one more drives sessions (open, pay,
 * withdraw the balance: {@link CrashWithdrawals}), and restarted on the same database each time. Clients tolerate
 * connection errors and retry idempotently: they re-read the job and pay again. After the last restart everything
 * settles, and the database must show every job ended, no invoice recorded paid twice and no refund or withdrawal
 * paid twice, every withdrawal ended paid or failed, and the balance-sheet audit finds every job and session adding
 * up. The seed (printed; {@code -Dlnjobs.crash.seed=…} to replay) fixes the kill moments and the clients' choices;
 * the interleaving with the server's threads is of course not reproducible. A job the kills kept from ending within
 * its step bound, or a session from being withdrawn, is finished after the last restart (see
 * {@link CrashWithdrawals}): the server may have been up only a few cold seconds in all of that bound.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class CrashTest {

    private static final long SEED = Long.getLong("lnjobs.crash.seed", 20261125L);
    private static final int KILLS = 5;
    private static final int CLIENTS = 3;
    private static final Duration START_BOUND = Duration.ofSeconds(120);
    /** A job step may wait for a restart (one JVM start on a busy machine) and the processors catching up. */
    private static final Duration STEP_BOUND = Duration.ofSeconds(150);
    private static final NodeKey CLIENT_WALLET = NodeKey.fromPrivateKeyHex("33".repeat(32));
    /** TestSettings' lnjobs.admin.token: the ledger audit is an admin route. */
    private static final String ADMIN_TOKEN = "test-admin-token";
    private static final Set<String> TERMINAL = Set.of("complete", "rejected", "failed", "expired");

    private final String databaseUrl = TestDatabases.freshDatabase();
    private ServerProcess server;
    private final Map<String, Boolean> rejectExpected = new ConcurrentHashMap<>();
    private final Set<String> refundsClaimed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger secondPayments = new AtomicInteger();
    private final CrashWithdrawals withdrawals = new CrashWithdrawals(CLIENT_WALLET, STEP_BOUND);
    /** Jobs whose step bound ran out while the kills went on: job id → whether its refund is to be claimed. */
    private final Map<String, UnfinishedJob> unfinishedJobs = new ConcurrentHashMap<>();
    private volatile boolean killsOver;

    private record UnfinishedJob(String accessToken, boolean claimRefund) {
    }

    @AfterEach
    void killServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void jobs_survive_repeated_kill_minus_nine_with_every_invoice_and_refund_paid_at_most_once() throws Exception {
        System.out.println("CrashTest: seed " + SEED + " (replay with -Dlnjobs.crash.seed=" + SEED + ")");
        Random random = new Random(SEED);
        long began = System.nanoTime();
        server = new ServerProcess("crash", databaseUrl, ServerProcess.freePort(), List.of()).start()
                .awaitHealthy(START_BOUND);
        ApiClient api = server.api(); // same port across restarts

        AtomicBoolean creating = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Random choices = new Random(SEED * 31 + client);
            done.add(clients.submit(() -> {
                int jobs = 0;
                while (creating.get()) {
                    runJob(api, client, jobs++, choices);
                }
                return jobs;
            }));
        }

        Future<Integer> sessions = clients.submit(() -> {
            int opened = 0;
            int withdrawn = 0;
            while (creating.get()) {
                withdrawn += withdrawals.runSession(api, opened++) ? 1 : 0;
            }
            return withdrawn;
        });

        for (int kill = 1; kill <= KILLS; kill++) {
            long upFor = 1_000 + random.nextInt(3_500);
            await().pollDelay(Duration.ofMillis(upFor)).atMost(Duration.ofMillis(upFor + 1_000)).until(() -> true);
            server.kill();
            System.out.printf("CrashTest: kill %d of %d after %d ms up; %d jobs so far%n", kill, KILLS, upFor,
                    rejectExpected.size());
            server.start().awaitHealthy(START_BOUND);
        }
        killsOver = true;
        withdrawals.killsOver();
        creating.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(STEP_BOUND.toSeconds() * 2, TimeUnit.SECONDS))
                .as("clients finished their last jobs").isTrue();
        int driven = 0;
        for (Future<Integer> future : done) {
            driven += future.get();
        }

        // A job step is bounded, but while the kills went on the server may have been up only a few cold seconds in
        // all of it: such a job is driven to its end now, against a server that stays up, within the same bound.
        unfinishedJobs.forEach((jobId, job) -> drive(api, jobId, job.accessToken(), job.claimRefund(),
                new Random(SEED)));
        // Jobs whose creation answer was lost in a crash were retried by their client under a new id; the first
        // one is left unpaid. After the last restart the test pays those, as their client would have.
        List<String> created = query("SELECT aggregate_identifier FROM domain_event_entry "
                + "WHERE payload_type LIKE '%$JobCreated'");
        List<String> orphans = created.stream().filter(id -> !rejectExpected.containsKey(id)).toList();
        for (String orphan : orphans) {
            rejectExpected.put(orphan, !query("SELECT job_id FROM job_view WHERE job_id = '" + orphan
                    + "' AND request LIKE 'Please reject%'").isEmpty());
            drive(api, orphan, null, false, new Random(SEED));
        }
        int withdrawn = sessions.get();
        withdrawals.finishUnfinished(api);
        System.out.printf("CrashTest: %d jobs by the clients, %d orphans driven after the last restart, "
                + "%d refunds claimed, %d invoices paid a second time, %d sessions withdrawn by their client; "
                + "finished after the last restart: %d jobs, %d sessions%n", driven, orphans.size(),
                refundsClaimed.size(), secondPayments.get(), withdrawn, unfinishedJobs.size(),
                withdrawals.unfinished.size());

        // Settled: every job ended (job_view and its events agree), every claimed refund paid.
        await("settled").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(query("SELECT job_id || ' ' || state FROM job_view WHERE state NOT IN "
                    + "('COMPLETE', 'REJECTED', 'FAILED', 'EXPIRED')")).as("jobs not ended").isEmpty();
            assertThat(query("SELECT r.aggregate_identifier FROM domain_event_entry r WHERE r.payload_type "
                    + "LIKE '%$RefundRequested' AND NOT EXISTS (SELECT 1 FROM domain_event_entry p WHERE "
                    + "p.aggregate_identifier = r.aggregate_identifier AND (p.payload_type LIKE '%$RefundPaid' "
                    + "OR p.payload_type LIKE '%$RefundFailed'))")).as("refunds still in flight").isEmpty();
            assertThat(query("SELECT withdrawal_id FROM session_withdrawal WHERE state = 'pending'"))
                    .as("withdrawals still in flight").isEmpty();
            assertThat(query("SELECT convert_from(r.payload, 'UTF8')::json->>'withdrawalId' FROM domain_event_entry r "
                    + "WHERE r.payload_type LIKE '%$WithdrawalRequested' AND NOT EXISTS (SELECT 1 FROM "
                    + "domain_event_entry p WHERE p.aggregate_identifier = r.aggregate_identifier AND "
                    + "(p.payload_type LIKE '%$WithdrawalPaid' OR p.payload_type LIKE '%$WithdrawalFailed') AND "
                    + "convert_from(p.payload, 'UTF8')::json->>'withdrawalId' = "
                    + "convert_from(r.payload, 'UTF8')::json->>'withdrawalId')"))
                    .as("withdrawals neither paid nor failed in the event store").isEmpty();
        });

        assertThat(query("SELECT count(*) FROM job_view")).containsExactly(String.valueOf(created.size()));
        for (Map.Entry<String, Boolean> job : rejectExpected.entrySet()) {
            assertThat(query("SELECT state FROM job_view WHERE job_id = '" + job.getKey() + "'"))
                    .as("job %s", job.getKey()).containsExactly(job.getValue() ? "REJECTED" : "COMPLETE");
        }
        assertThat(query("SELECT job_id FROM job_view j WHERE state = 'COMPLETE' AND NOT EXISTS (SELECT 1 FROM "
                + "domain_event_entry e WHERE e.aggregate_identifier = j.job_id AND e.payload_type LIKE "
                + "'%$WorkCompleted')")).as("complete in the view without WorkCompleted").isEmpty();

        // Each invoice recorded paid at most once, by payment hash and by job.
        for (String type : List.of("EvalInvoicePaid", "WorkInvoicePaid")) {
            assertThat(duplicates("convert_from(payload, 'UTF8')::json->>'paymentHash'", type))
                    .as(type + " more than once for a payment hash").isEmpty();
            assertThat(duplicates("aggregate_identifier", type)).as(type + " more than once for a job").isEmpty();
        }
        // Each refund paid at most once: one RefundPaid per job, one outgoing stub payment per refund hash, and
        // no outgoing payment that the job does not know as paid.
        assertThat(duplicates("aggregate_identifier", "RefundPaid")).as("RefundPaid more than once").isEmpty();
        assertThat(query("SELECT payment_hash FROM stub_invoice WHERE direction = 'out' GROUP BY payment_hash "
                + "HAVING count(*) > 1")).as("refund hashes paid more than once").isEmpty();
        List<String> refundsPaid = query("SELECT convert_from(payload, 'UTF8')::json->>'paymentHash' FROM "
                + "domain_event_entry WHERE payload_type LIKE '%$RefundPaid'");
        // Each withdrawal paid at most once: one WithdrawalPaid per payment hash and per withdrawal.
        assertThat(duplicates("convert_from(payload, 'UTF8')::json->>'paymentHash'", "WithdrawalPaid"))
                .as("WithdrawalPaid more than once for a payment hash").isEmpty();
        assertThat(duplicates("convert_from(payload, 'UTF8')::json->>'withdrawalId'", "WithdrawalPaid"))
                .as("WithdrawalPaid more than once for a withdrawal").isEmpty();
        List<String> withdrawalsPaid = query("SELECT convert_from(payload, 'UTF8')::json->>'paymentHash' FROM "
                + "domain_event_entry WHERE payload_type LIKE '%$WithdrawalPaid'");
        List<String> payouts = new ArrayList<>(refundsPaid);
        payouts.addAll(withdrawalsPaid);
        assertThat(query("SELECT payment_hash FROM stub_invoice WHERE direction = 'out'"))
                .as("outgoing payments are exactly the refunds and withdrawals recorded paid")
                .containsExactlyInAnyOrderElementsOf(payouts);
        assertThat(refundsPaid).as("claimed refunds paid").containsExactlyInAnyOrderElementsOf(refundsClaimed);
        assertThat(withdrawalsPaid).as("accepted withdrawals paid")
                .containsExactlyInAnyOrderElementsOf(withdrawals.accepted);
        assertThat(withdrawalsPaid).as("sessions withdrawn").isNotEmpty();
        // A failed withdrawal puts its whole escrow back on the balance.
        assertThat(query("SELECT f.aggregate_identifier FROM domain_event_entry f JOIN domain_event_entry r ON "
                + "r.aggregate_identifier = f.aggregate_identifier AND r.payload_type LIKE '%$WithdrawalRequested' "
                + "AND convert_from(r.payload, 'UTF8')::json->>'withdrawalId' = "
                + "convert_from(f.payload, 'UTF8')::json->>'withdrawalId' WHERE f.payload_type LIKE "
                + "'%$WithdrawalFailed' AND (convert_from(f.payload, 'UTF8')::json->>'restoredSats')::bigint <> "
                + "(convert_from(r.payload, 'UTF8')::json->>'amountSats')::bigint "
                + "+ (convert_from(r.payload, 'UTF8')::json->>'feeReserveSats')::bigint"))
                .as("failed withdrawals that did not put their escrow back").isEmpty();
        // Replayed from the event store alone, every job's and session's sats add up.
        ApiClient.Response audit = api.getWithBearer("/api/admin/audit/ledger", ADMIN_TOKEN);
        assertThat(audit.status()).as("ledger audit: %s", audit.body()).isEqualTo(200);
        assertThat(audit.body().path("mismatches").asLong(-1)).as("ledger audit: %s", audit.body().path("details"))
                .isZero();
        assertThat(audit.body().path("totals").path("withdrawn").asLong()).as("sats withdrawn in the audit")
                .isEqualTo(withdrawalsPaid.size() * CrashWithdrawals.WITHDRAWN_SATS);
        System.out.printf("CrashTest: done in %d s%n", (System.nanoTime() - began) / 1_000_000_000);
    }

    /** One client's job: create it (retrying until an answer arrives), then drive it to its end. */
    private void runJob(ApiClient api, int client, int n, Random choices) {
        boolean reject = choices.nextInt(6) == 0;
        boolean claimRefund = choices.nextBoolean();
        String request = (reject ? "Please reject crash job " : "Crash job ") + client + "-" + n
                + ": write a haiku about lightning payments";
        boolean duringKills = !killsOver;
        JsonNode created;
        try {
            created = await("create " + request).atMost(STEP_BOUND).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> {
                        ApiClient.Response response = api.postJson("/api/jobs",
                                "{\"request\": \"" + request + "\"}");
                        return response.status() == 201 || response.status() == 202 ? response.body() : null;
                    }, body -> body != null);
        } catch (ConditionTimeoutException e) {
            if (duringKills) {
                return; // a job it may have created is an orphan, driven after the last restart
            }
            throw e;
        }
        String jobId = created.path("jobId").asText();
        rejectExpected.put(jobId, reject);
        String accessToken = created.path("accessToken").asText();
        try {
            drive(api, jobId, accessToken, claimRefund, choices);
        } catch (ConditionTimeoutException e) {
            if (!duringKills) {
                throw e;
            }
            unfinishedJobs.put(jobId, new UnfinishedJob(accessToken, claimRefund));
        }
    }

    /** Re-reads the job and does whatever it waits for, until it ends (and its refund, if claimed, is paid). */
    private void drive(ApiClient api, String jobId, String accessToken, boolean claimRefund, Random choices) {
        boolean payTwice = choices.nextBoolean();
        await("job " + jobId).atMost(STEP_BOUND).pollInterval(Duration.ofMillis(150)).ignoreExceptions()
                .until(() -> {
                    JsonNode job = api.get("/api/jobs/" + jobId).body();
                    String state = job.path("state").asText();
                    switch (state) {
                        case "awaiting_eval_payment" -> pay(api, job.path("evalInvoice"));
                        case "awaiting_work_payment" -> pay(api, job.path("workInvoice"));
                        default -> {
                        }
                    }
                    if (!TERMINAL.contains(state)) {
                        return false;
                    }
                    if (!"complete".equals(state) || !claimRefund) {
                        return true;
                    }
                    JsonNode ledger = job.path("costLedger");
                    String refundState = ledger.path("refundState").asText("");
                    if (refundState.equals("paid")) {
                        // The claim's answer may have been lost in a crash; the refund paid is the one claimed.
                        refundsClaimed.add(ledger.path("refundPaymentHash").asText());
                        return true;
                    }
                    if (refundState.equals("not_due")) {
                        return true;
                    }
                    if (refundState.equals("pending") && !ledger.hasNonNull("refundPaymentHash")
                            || refundState.equals("failed")) {
                        claim(api, jobId, accessToken, ledger.path("refundAmountSats").asLong());
                    }
                    return false;
                });
        if (payTwice) {
            // Paying an invoice again after the job moved on is noticed and changes nothing.
            String outcome = await("second payment, job " + jobId).atMost(STEP_BOUND)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                        JsonNode job = api.get("/api/jobs/" + jobId).body();
                        String hash = job.path("evalInvoice").path("paymentHash").asText();
                        return api.post("/api/dev/stub/pay/" + hash).body().path("outcome").asText(null);
                    }, answer -> answer != null);
            assertThat(outcome).as("second payment of job %s's evaluation invoice", jobId).isEqualTo("ALREADY_PAID");
            secondPayments.incrementAndGet();
        }
    }

    private static void pay(ApiClient api, JsonNode invoice) {
        String hash = invoice.path("paymentHash").asText(null);
        if (hash != null) {
            api.post("/api/dev/stub/pay/" + hash);
        }
    }

    /** Claims the refund with a fresh invoice of the client's wallet; a 409 names the refund already in flight. */
    private void claim(ApiClient api, String jobId, String accessToken, long sats) {
        byte[] hash = new byte[32];
        new Random(jobId.hashCode() * 7919L + System.nanoTime()).nextBytes(hash);
        String invoice = Bolt11.encode(BitcoinNetwork.REGTEST, sats * 1000, Instant.now(),
                HexFormat.of().formatHex(hash), "cd".repeat(32), "refund", 3600, CLIENT_WALLET);
        ApiClient.Response response = api.postJsonWithBearer("/api/jobs/" + jobId + "/refund", accessToken,
                "{\"invoice\": \"" + invoice + "\"}");
        if (response.status() == 202 || response.status() == 409) {
            String accepted = response.body().path("refundPaymentHash").asText(null);
            if (accepted != null) {
                refundsClaimed.add(accepted);
            }
        }
        assertThat(response.status()).as("refund claim of %s: %s", jobId, response.body()).isIn(202, 409);
        assertThat(Bolt11.decode(invoice).amountSats()).isEqualTo(sats);
    }

    private List<String> duplicates(String key, String type) {
        return query("SELECT " + key + " FROM domain_event_entry WHERE payload_type LIKE '%$" + type
                + "' GROUP BY 1 HAVING count(*) > 1");
    }

    private List<String> query(String sql) {
        return StoreQueries.values(databaseUrl, sql);
    }
}
