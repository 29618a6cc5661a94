package dev.lnjobs.server.job;

import dev.lnjobs.query.job.JobStatus;
import dev.lnjobs.server.auth.AccessTokenCheck;
import dev.lnjobs.server.lightning.RefundAddresses;
import dev.lnjobs.server.web.ConditionalRequests;
import dev.lnjobs.server.web.DirectAsyncAnswer;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The paid job flow over HTTP: create a job, read it, or wait for its next change; the flow is {@link JobService}'s.
 * This class parses, picks status codes and headers (ETag, Location, Preference-Applied) and documents the routes.
 */
@RestController
@RequestMapping(path = "/api/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
class JobController {

    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    /** How long past the wait the held request is kept before it is given up (the wait itself ends it). */
    private static final Duration WAIT_GRACE = Duration.ofSeconds(10);

    private final JobService jobs;
    private final RequestText requestText;
    private final AccessTokenCheck accessTokens;
    private final DirectAsyncAnswer answers;

    JobController(JobService jobs, RequestText requestText, AccessTokenCheck accessTokens, DirectAsyncAnswer answers) {
        this.jobs = jobs;
        this.requestText = requestText;
        this.accessTokens = accessTokens;
        this.answers = answers;
    }

    record CreateJobBody(String request,
                         @Schema(description = "optional Lightning Address (name@domain): the refund, if any, is paid "
                                 + "there with no claim, less a fee reserve for routing; if the address fails, the "
                                 + "refund stays claimable with the accessToken", example = "alice@wallet.example",
                                 nullable = true) String refundAddress) {
    }

    @Operation(summary = "Create a job; answers the evaluation invoice to pay, made during the creation (202 without "
            + "it if the Lightning node failed then and the invoice is not issued within 10 s) and the job's "
            + "accessToken, shown this once: the credential its refund claim needs")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobResponse> create(@RequestBody CreateJobBody body) {
        return create(check(body));
    }

    /** A creation's body once its checks passed: the request's text and the refund address, if any. */
    record CheckedCreation(String request, String refundAddress) {
    }

    /** The checks of a creation's body, which answer 400 by their exceptions; nothing is created yet. */
    CheckedCreation check(CreateJobBody body) {
        String request = requestText.check(body == null ? null : body.request());
        return new CheckedCreation(request, RefundAddresses.check(body.refundAddress()));
    }

    /** Creates the job of a checked body (its creation limits counted) and answers 201 (or 202) with it. */
    ResponseEntity<JobResponse> create(CheckedCreation creation) {
        String request = creation.request();
        String refundAddress = creation.refundAddress();
        JobStatus status = refundAddress == null ? jobs.create(request) : jobs.create(request, refundAddress);
        HttpStatus code = status.view().evalInvoice() != null ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(code).location(URI.create("/api/jobs/" + status.view().jobId()))
                .eTag(ConditionalRequests.entityTag(status.version()))
                .body(JobResponse.of(status).withAccessToken(accessTokens.mintForJob(status.view().jobId())));
    }

    @Operation(summary = "Read a job (a read only reads: payments are pushed to the service). "
            + "With If-None-Match set to the ETag of a previous answer and Prefer: wait=N (N ≤ 30 seconds), "
            + "the answer waits until the job changes: 200 with the new state, or 304 after N seconds.")
    @ApiResponse(responseCode = "200", description = "the job; its ETag names this state")
    @ApiResponse(responseCode = "304", description = "If-None-Match names the current state (after the wait, if any)",
            content = @Content)
    @Parameter(name = HttpHeaders.IF_NONE_MATCH, in = ParameterIn.HEADER,
            description = "the ETag of the state the client has")
    @Parameter(name = "Prefer", in = ParameterIn.HEADER, schema = @Schema(type = "string"), description = "wait=N: "
            + "wait up to N seconds (at most 30) for a state other than the one If-None-Match names; answered with "
            + "Preference-Applied")
    @GetMapping("/{jobId}")
    ResponseEntity<JobResponse> get(@PathVariable String jobId,
                                    @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                                    String ifNoneMatch) {
        return answer(current(jobId), ifNoneMatch);
    }

    /**
     * The long poll: the same resource as {@link #get}, held open while the state is the one the client has. The
     * answer is written by the thread that sees the change (or the wait end), not by a second dispatch of the request
     * through the container; see {@link DirectAsyncAnswer}.
     */
    @Hidden
    @GetMapping(path = "/{jobId}", headers = "Prefer")
    void getAfterChange(@PathVariable String jobId,
                        @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                        @RequestHeader(name = "Prefer") String prefer,
                        HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Duration> wait = ConditionalRequests.preferredWait(prefer, MAX_WAIT);
        if (wait.isEmpty() || ifNoneMatch == null) {
            answers.now(request, response, get(jobId, ifNoneMatch)); // nothing to wait for
            return;
        }
        String id = Ids.uuid(jobId, "job id");
        String preferenceApplied = "wait=" + wait.get().toSeconds();
        answers.whenDone(request, response, jobs.awaitChange(id, status -> !unchanged(status, ifNoneMatch), wait.get())
                .thenApply(status -> answer(status.orElseThrow(() -> new NotFoundException("no job " + id)),
                        ifNoneMatch, preferenceApplied)), wait.get().plus(WAIT_GRACE));
    }

    private JobStatus current(String jobId) {
        String id = Ids.uuid(jobId, "job id");
        return jobs.read(id).orElseThrow(() -> new NotFoundException("no job " + id));
    }

    private static boolean unchanged(JobStatus status, String ifNoneMatch) {
        return ConditionalRequests.noneMatchHits(ifNoneMatch, ConditionalRequests.entityTag(status.version()));
    }

    private static ResponseEntity<JobResponse> answer(JobStatus status, String ifNoneMatch) {
        return answer(status, ifNoneMatch, null);
    }

    private static ResponseEntity<JobResponse> answer(JobStatus status, String ifNoneMatch, String preferenceApplied) {
        boolean unchanged = unchanged(status, ifNoneMatch);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(unchanged ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
                .eTag(ConditionalRequests.entityTag(status.version()));
        if (preferenceApplied != null) {
            answer.header("Preference-Applied", preferenceApplied);
        }
        return unchanged ? answer.build() : answer.body(JobResponse.of(status));
    }
}
