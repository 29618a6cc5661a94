package dev.lnjobs.server.job;

import dev.lnjobs.api.job.JobCommands.CreateJob;
import dev.lnjobs.api.job.JobQueries.JobView;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.sagas.lightning.PaymentNotices;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** The paid job flow over HTTP: create a job, read it; payments arrive through Lightning. */
@RestController
@RequestMapping(path = "/api/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
class JobController {

    private static final Duration INVOICE_WAIT = Duration.ofSeconds(10);
    private static final Duration PAYMENT_WAIT = Duration.ofSeconds(2);

    private final CommandGateway commands;
    private final JobReads reads;
    private final PaymentNotices paymentNotices;
    private final Tariff tariff;
    private final RequestText requestText;
    private final Clock clock;

    JobController(CommandGateway commands, JobReads reads, PaymentNotices paymentNotices,
                  Tariff tariff, RequestText requestText, Clock clock) {
        this.commands = commands;
        this.reads = reads;
        this.paymentNotices = paymentNotices;
        this.tariff = tariff;
        this.requestText = requestText;
        this.clock = clock;
    }

    record CreateJobBody(String request) {
    }

    @Operation(summary = "Create a job; answers the evaluation invoice to pay")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobResponse> create(@RequestBody CreateJobBody body) {
        String request = requestText.check(body == null ? null : body.request());
        String jobId = UUID.randomUUID().toString();
        var subscription = reads.subscribe(jobId);
        commands.sendAndWait(new CreateJob(jobId, request, tariff, clock.instant()));
        JobView view = JobReads.awaitView(subscription, v -> v.evalInvoice() != null || v.state().isTerminal(),
                INVOICE_WAIT).or(() -> reads.find(jobId)).orElseThrow();
        // a wallet paying at once is routed even before the invoice projection catches up (PaymentNotices waits)
        boolean payable = view.evalInvoice() != null;
        HttpStatus status = payable ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(URI.create("/api/jobs/" + jobId)).body(JobResponse.of(view));
    }

    @Operation(summary = "Read a job; an unpaid invoice is re-checked with the Lightning node first")
    @GetMapping("/{jobId}")
    JobResponse get(@PathVariable String jobId) {
        String id = Ids.uuid(jobId, "job id");
        JobView view = reads.find(id).orElseThrow(() -> new NotFoundException("no job " + id));
        String pendingHash = pendingPaymentHash(view);
        if (pendingHash != null) {
            var subscription = reads.subscribe(id);
            if (paymentNotices.recheck(pendingHash) == PaymentNotices.Outcome.CONFIRMED) {
                JobState before = view.state();
                view = JobReads.awaitView(subscription, v -> v.state() != before, PAYMENT_WAIT).orElse(view);
            } else {
                subscription.close();
            }
        }
        return JobResponse.of(view, hasLedger(view) ? reads.ledger(id).orElse(null) : null);
    }

    /** A ledger starts when the evaluation accepts the job; a poll before that needs no second query. */
    private static boolean hasLedger(JobView view) {
        return switch (view.state()) {
            case AWAITING_EVAL_PAYMENT, EVALUATING, REJECTED -> false;
            default -> true;
        };
    }

    private static String pendingPaymentHash(JobView view) {
        if (view.state() == JobState.AWAITING_EVAL_PAYMENT && view.evalInvoice() != null) {
            return view.evalInvoice().paymentHash();
        }
        if (view.state() == JobState.AWAITING_WORK_PAYMENT && view.workInvoice() != null) {
            return view.workInvoice().paymentHash();
        }
        return null;
    }
}
