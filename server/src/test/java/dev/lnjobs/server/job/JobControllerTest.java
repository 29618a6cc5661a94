package dev.lnjobs.server.job;

import dev.lnjobs.api.job.JobQueries.InvoiceView;
import dev.lnjobs.api.job.JobQueries.JobView;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.query.job.JobStatus;
import dev.lnjobs.server.web.DirectAsyncAnswer;
import dev.lnjobs.server.web.ProblemAdvice;
import dev.lnjobs.server.auth.TestAccessTokens;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.request.async.WebAsyncUtils;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP contract of /api/jobs, on a mocked {@link JobService}: no database, no Axon. */
@WebMvcTest(JobController.class)
@ContextConfiguration(classes = {JobController.class, RequestText.class, ProblemAdvice.class,
        TestAccessTokens.class, DirectAsyncAnswer.class})
class JobControllerTest {

    static final String JOB = "3b0c7f9e-5d7a-4c1e-9b52-1f7d2c8a9e01";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private JobService jobs;

    static JobStatus job(JobState state, InvoiceView evalInvoice, String version) {
        return new JobStatus(new JobView(JOB, state, "Write a haiku", evalInvoice, null, null, null, NOW, NOW), null,
                version);
    }

    static InvoiceView invoice() {
        return new InvoiceView("ab".repeat(32), "lnbcrt100n1stub", 10, NOW.plusSeconds(3600), false);
    }

    @Test
    void a_created_job_answers_201_with_its_invoice_location_and_etag() throws Exception {
        when(jobs.create("Write a haiku")).thenReturn(job(JobState.AWAITING_EVAL_PAYMENT, invoice(), "1.0"));
        mvc.perform(post("/api/jobs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"request\": \" Write a haiku \"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/jobs/" + JOB))
                .andExpect(header().string(HttpHeaders.ETAG, "\"1.0\""))
                .andExpect(jsonPath("$.state").value("awaiting_eval_payment"))
                .andExpect(jsonPath("$.evalInvoice.amountSats").value(10))
                .andExpect(jsonPath("$.accessToken").isString());
    }

    @Test
    void a_read_of_a_job_never_carries_an_access_token() throws Exception {
        when(jobs.read(JOB)).thenReturn(Optional.of(job(JobState.AWAITING_EVAL_PAYMENT, invoice(), "1.0")));
        mvc.perform(get("/api/jobs/" + JOB))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accessToken").doesNotExist());
    }

    @Test
    void a_job_whose_invoice_is_not_issued_in_time_answers_202() throws Exception {
        when(jobs.create(anyString())).thenReturn(job(JobState.AWAITING_EVAL_PAYMENT, null, "0.0"));
        mvc.perform(post("/api/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"request\": \"x\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.evalInvoice").doesNotExist());
    }

    @Test
    void an_empty_request_is_a_400_problem_and_creates_nothing() throws Exception {
        mvc.perform(post("/api/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"request\": \"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("request must be a non-empty text"));
        verify(jobs, never()).create(any());
    }

    @Test
    void an_unknown_job_is_a_404_problem_and_a_malformed_id_a_400() throws Exception {
        when(jobs.read(JOB)).thenReturn(Optional.empty());
        mvc.perform(get("/api/jobs/" + JOB))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/jobs/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("job id must be a UUID"));
    }

    @Test
    void a_read_naming_the_current_etag_answers_304_without_a_body() throws Exception {
        when(jobs.read(JOB)).thenReturn(Optional.of(job(JobState.EVALUATING, invoice(), "2.0")));
        mvc.perform(get("/api/jobs/" + JOB).header(HttpHeaders.IF_NONE_MATCH, "\"2.0\""))
                .andExpect(status().isNotModified())
                .andExpect(header().string(HttpHeaders.ETAG, "\"2.0\""))
                .andExpect(content().string(""));
    }

    @Test
    void a_long_poll_whose_change_is_there_already_is_answered_at_once() throws Exception {
        when(jobs.awaitChange(eq(JOB), any(), any())).thenReturn(
                CompletableFuture.completedFuture(Optional.of(job(JobState.EVALUATING, invoice(), "2.0"))));
        mvc.perform(longPoll("\"1.0\"", "wait=90"))
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isOk())
                .andExpect(header().string("Preference-Applied", "wait=30"))
                .andExpect(header().string(HttpHeaders.ETAG, "\"2.0\""))
                .andExpect(jsonPath("$.state").value("evaluating"));
    }

    @Test
    void a_long_poll_is_answered_by_the_thread_that_sees_the_change_without_a_second_dispatch() throws Exception {
        JobStatus changed = job(JobState.EVALUATING, invoice(), "2.0");
        CompletableFuture<Optional<JobStatus>> change = new CompletableFuture<>();
        when(jobs.awaitChange(eq(JOB), any(), any())).thenReturn(change);
        MvcResult held = mvc.perform(longPoll("\"1.0\"", "wait=20"))
                .andExpect(request().asyncStarted())
                .andReturn();
        assertThat(held.getResponse().getContentLength()).as("nothing written while held").isZero();
        assertThat(held.getRequest().getAsyncContext().getTimeout()).as("above the wait").isEqualTo(30_000);

        change.complete(Optional.of(changed));

        MockHttpServletResponse answer = held.getResponse();
        assertThat(held.getRequest().isAsyncStarted()).as("completed by the answer").isFalse();
        assertThat(WebAsyncUtils.getAsyncManager(held.getRequest()).hasConcurrentResult())
                .as("nothing left for a second dispatch to write").isFalse();
        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getHeader(HttpHeaders.ETAG)).isEqualTo("\"2.0\"");
        assertThat(answer.getHeader("Preference-Applied")).isEqualTo("wait=20");
        assertThat(answer.getContentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
        when(jobs.read(JOB)).thenReturn(Optional.of(changed));
        MockHttpServletResponse plain = mvc.perform(get("/api/jobs/" + JOB)).andReturn().getResponse();
        assertThat(answer.getContentAsByteArray()).as("the bytes Spring MVC writes for the same state")
                .isEqualTo(plain.getContentAsByteArray());
        assertThat(answer.getContentType()).isEqualTo(plain.getContentType());
    }

    @Test
    void a_long_poll_that_sees_no_change_answers_304_without_a_body() throws Exception {
        CompletableFuture<Optional<JobStatus>> change = new CompletableFuture<>();
        when(jobs.awaitChange(eq(JOB), any(), any())).thenReturn(change);
        MvcResult held = mvc.perform(longPoll("\"1.0\"", "wait=5")).andExpect(request().asyncStarted()).andReturn();

        change.complete(Optional.of(job(JobState.AWAITING_EVAL_PAYMENT, invoice(), "1.0")));

        assertThat(held.getResponse().getStatus()).isEqualTo(304);
        assertThat(held.getResponse().getHeader(HttpHeaders.ETAG)).isEqualTo("\"1.0\"");
        assertThat(held.getResponse().getHeader("Preference-Applied")).isEqualTo("wait=5");
        assertThat(held.getResponse().getContentAsByteArray()).isEmpty();
        assertThat(held.getResponse().getContentType()).isNull();
    }

    @Test
    void a_job_gone_while_waited_on_is_the_404_problem_a_plain_read_answers() throws Exception {
        CompletableFuture<Optional<JobStatus>> change = new CompletableFuture<>();
        when(jobs.awaitChange(eq(JOB), any(), any())).thenReturn(change);
        when(jobs.read(JOB)).thenReturn(Optional.empty());
        MvcResult held = mvc.perform(longPoll("\"1.0\"", "wait=5")).andExpect(request().asyncStarted()).andReturn();

        change.complete(Optional.empty());

        MockHttpServletResponse plain = mvc.perform(get("/api/jobs/" + JOB)).andReturn().getResponse();
        assertThat(held.getResponse().getStatus()).isEqualTo(404);
        assertThat(held.getResponse().getContentType()).isEqualTo(plain.getContentType())
                .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(held.getResponse().getContentAsString()).isEqualTo(plain.getContentAsString());
    }

    @Test
    void an_unknown_job_waited_on_is_answered_404_by_the_error_handling_at_once() throws Exception {
        when(jobs.awaitChange(eq(JOB), any(), any())).thenReturn(CompletableFuture.completedFuture(Optional.empty()));
        mvc.perform(longPoll("\"1.0\"", "wait=5"))
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.instance").value("/api/jobs/" + JOB));
        mvc.perform(get("/api/jobs/not-a-uuid").header(HttpHeaders.IF_NONE_MATCH, "\"1.0\"")
                        .header("Prefer", "wait=5"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("job id must be a UUID"));
    }

    @Test
    void a_wait_that_fails_is_a_503_problem_never_a_hang() throws Exception {
        CompletableFuture<Optional<JobStatus>> change = new CompletableFuture<>();
        when(jobs.awaitChange(eq(JOB), any(), any())).thenReturn(change);
        MvcResult held = mvc.perform(longPoll("\"1.0\"", "wait=5")).andExpect(request().asyncStarted()).andReturn();

        change.completeExceptionally(new IllegalStateException("the view is unreadable"));

        assertThat(held.getRequest().isAsyncStarted()).isFalse();
        assertThat(held.getResponse().getStatus()).isEqualTo(503);
        assertThat(held.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(held.getResponse().getContentAsString()).contains("\"status\":503");
    }

    @Test
    void a_wait_the_container_times_out_is_answered_once_with_a_503() throws Exception {
        CompletableFuture<Optional<JobStatus>> change = new CompletableFuture<>();
        when(jobs.awaitChange(eq(JOB), any(), any())).thenReturn(change);
        MvcResult held = mvc.perform(longPoll("\"1.0\"", "wait=5")).andExpect(request().asyncStarted()).andReturn();
        MockAsyncContext async = (MockAsyncContext) held.getRequest().getAsyncContext();

        for (AsyncListener listener : async.getListeners()) {
            listener.onTimeout(new AsyncEvent(async));
        }
        change.complete(Optional.of(job(JobState.EVALUATING, invoice(), "2.0")));

        assertThat(held.getRequest().isAsyncStarted()).isFalse();
        assertThat(held.getResponse().getStatus()).isEqualTo(503);
        assertThat(held.getResponse().getHeader(HttpHeaders.ETAG)).as("the late change is not written").isNull();
        assertThat(held.getResponse().getContentAsString()).doesNotContain("evaluating");
    }

    @Test
    void a_malformed_or_missing_wait_is_the_plain_read() throws Exception {
        when(jobs.read(JOB)).thenReturn(Optional.of(job(JobState.EVALUATING, invoice(), "2.0")));
        MockHttpServletResponse plain = mvc.perform(get("/api/jobs/" + JOB)).andReturn().getResponse();
        mvc.perform(longPoll(null, "wait=20"))
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"2.0\""))
                .andExpect(header().doesNotExist("Preference-Applied"))
                .andExpect(content().bytes(plain.getContentAsByteArray()));
        mvc.perform(longPoll("\"2.0\"", "wait=soon"))
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isNotModified())
                .andExpect(header().string(HttpHeaders.ETAG, "\"2.0\""))
                .andExpect(content().string(""));
        verify(jobs, never()).awaitChange(any(), any(), any());
    }

    private static MockHttpServletRequestBuilder longPoll(String ifNoneMatch, String prefer) {
        MockHttpServletRequestBuilder request = get("/api/jobs/" + JOB).header("Prefer", prefer);
        return ifNoneMatch == null ? request : request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
    }
}
