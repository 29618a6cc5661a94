package dev.lnjobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.util.Queue;
import java.util.concurrent.TimeUnit;

import static dev.lnjobs.bench.Report.micros;

/**
 * One client's job lifecycle, as the seed's walkthrough runs it: create → pay eval → evaluated → pay work →
 * complete, watching the job after each payment by long poll (pollMs 0) or by a plain read every pollMs.
 * Records into histograms {@link #NOTICE}, {@link #SETTLED}, {@link #LIFECYCLE} and {@link #CREATE} (µs).
 */
final class Lifecycle implements ClientThreads.Item {

    static final int NOTICE = 0;
    static final int SETTLED = 1;
    static final int LIFECYCLE = 2;
    static final int CREATE = 3;
    static final int HISTOGRAMS = 4;
    private static final String REQUEST = "Write a haiku about lightning payments";

    private final Client client;
    private final int pollMs;
    private final Queue<String> completed;

    Lifecycle(Client client, int pollMs, Queue<String> completed) {
        this.client = client;
        this.pollMs = pollMs;
        this.completed = completed;
    }

    static JsonNode createJob(Client client) throws Exception {
        return client.post("/api/jobs", "{\"request\": \"" + REQUEST + "\"}");
    }

    @Override
    public void run(Histogram[] histograms) throws Exception {
        long start = System.nanoTime();
        JsonNode job = createJob(client);
        histograms[CREATE].recordValue(micros(start));
        String id = job.path("jobId").asText();
        String evalHash = job.path("evalInvoice").path("paymentHash").asText(null);
        if (evalHash == null) {
            // 202: the server stopped waiting for the invoice after 10 s; it is still being issued
            JsonNode view = watch(id, null, "awaiting_eval_payment", "awaiting_eval_payment", null, null, 30);
            evalHash = view.path("evalInvoice").path("paymentHash").asText(null);
        }
        JsonNode view = payAndWatch(id, evalHash, "awaiting_eval_payment", "awaiting_work_payment", histograms);
        if (!"awaiting_work_payment".equals(view.path("state").asText())) {
            throw new IllegalStateException("job ended " + view.path("state").asText() + " before work payment");
        }
        view = payAndWatch(id, view.path("workInvoice").path("paymentHash").asText(), "awaiting_work_payment",
                "complete", histograms);
        if (!"complete".equals(view.path("state").asText())) {
            throw new IllegalStateException("job ended " + view.path("state").asText());
        }
        histograms[LIFECYCLE].recordValue(micros(start));
        completed.add(id);
    }

    /**
     * Pays through the stub and watches the job: records the time from the pay call to the first read showing a
     * state other than {@code from} (notice), and to the first read showing {@code target} or a final state.
     */
    private JsonNode payAndWatch(String id, String hash, String from, String target, Histogram[] histograms)
            throws Exception {
        long t0 = System.nanoTime();
        String outcome = client.post("/api/dev/stub/pay/" + hash, null).path("outcome").asText();
        // ALREADY_PAID: the server's payment watcher saw the stub payment before the pay call's own re-check did;
        // the payment is recorded either way
        if (!"CONFIRMED".equals(outcome) && !"ALREADY_PAID".equals(outcome)) {
            throw new IllegalStateException("stub pay answered " + outcome);
        }
        return watch(id, t0, from, target, histograms[NOTICE], histograms[SETTLED], 30);
    }

    /**
     * Reads the job until it shows {@code target} (with its work invoice, when that is the target) or a final
     * state: by long poll (If-None-Match with the last ETag, Prefer: wait), or a plain read every pollMs.
     */
    private JsonNode watch(String id, Long t0, String from, String target, Histogram notice, Histogram settled,
                           int timeoutSeconds) throws Exception {
        boolean changed = false;
        String etag = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            Client.JobRead read = client.readJob(id, pollMs > 0 ? null : etag);
            if (read.status() == 304) {
                continue;
            }
            etag = read.etag();
            JsonNode view = read.body();
            String state = view.path("state").asText();
            if (!changed && !from.equals(state) && notice != null) {
                notice.recordValue(micros(t0));
                changed = true;
            }
            boolean ready = target.equals(state) && (!target.startsWith("awaiting_")
                    || view.path(target.equals("awaiting_eval_payment") ? "evalInvoice" : "workInvoice")
                    .hasNonNull("paymentHash"));
            if (ready || (!target.equals(state) && isFinal(state))) {
                if (settled != null) {
                    settled.recordValue(micros(t0));
                }
                return view;
            }
            if (pollMs > 0) {
                Thread.sleep(pollMs);
            }
        }
        throw new IllegalStateException("job " + id + " did not reach " + target + " within " + timeoutSeconds + " s");
    }

    private static boolean isFinal(String state) {
        return state.equals("complete") || state.equals("rejected") || state.equals("failed")
                || state.equals("expired");
    }
}
