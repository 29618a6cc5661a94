package dev.lnjobs.server.job;

import dev.lnjobs.api.job.JobQueries.InvoiceView;
import dev.lnjobs.api.job.JobQueries.JobView;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.query.job.JobStatus;
import dev.lnjobs.server.web.ProblemAdvice;
import dev.lnjobs.server.auth.TestAccessTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
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
        TestAccessTokens.class})
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
    void a_long_poll_answers_the_change_with_preference_applied() throws Exception {
        when(jobs.awaitChange(eq(JOB), any(), any())).thenReturn(
                CompletableFuture.completedFuture(Optional.of(job(JobState.EVALUATING, invoice(), "2.0"))));
        MvcResult started = mvc.perform(get("/api/jobs/" + JOB).header(HttpHeaders.IF_NONE_MATCH, "\"1.0\"")
                        .header("Prefer", "wait=90"))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(header().string("Preference-Applied", "wait=30"))
                .andExpect(header().string(HttpHeaders.ETAG, "\"2.0\""))
                .andExpect(jsonPath("$.state").value("evaluating"));
    }
}
