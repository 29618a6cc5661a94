package dev.lnjobs.server.job;

import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.api.job.RefundAlreadyRequested;
import dev.lnjobs.api.job.RefundState;
import dev.lnjobs.api.job.RefundInvoiceRejected;
import dev.lnjobs.server.job.RefundService.RefundClaim;
import dev.lnjobs.infra.macaroon.AccessTokens.Resource;
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
import org.springframework.test.web.servlet.ResultActions;

import java.util.Optional;

import static dev.lnjobs.server.job.JobControllerTest.JOB;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP contract of POST /api/jobs/{id}/refund, on a mocked {@link RefundService}. */
@WebMvcTest(RefundController.class)
@ContextConfiguration(classes = {RefundController.class, ProblemAdvice.class, TestAccessTokens.class})
class RefundControllerTest {

    private static final String HASH = "cd".repeat(32);

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private RefundService refunds;

    private static final String OTHER_JOB = "3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b";

    private ResultActions claim(String invoice) throws Exception {
        return claim(invoice, "Bearer " + TestAccessTokens.TOKENS.mint(Resource.JOB, JOB));
    }

    private ResultActions claim(String invoice, String authorization) throws Exception {
        var request = post("/api/jobs/" + JOB + "/refund").contentType(MediaType.APPLICATION_JSON)
                .content("{\"invoice\": \"" + invoice + "\"}");
        return mvc.perform(authorization == null ? request : request.header(HttpHeaders.AUTHORIZATION, authorization));
    }

    @Test
    void a_claim_without_the_jobs_token_is_a_401_with_a_bearer_challenge_and_claims_nothing() throws Exception {
        claim("lnbcrt30n1x", null)
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.reason").value("missing"));
        claim("lnbcrt30n1x", "Bearer forged")
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer error=\"invalid_token\"")));
        claim("lnbcrt30n1x", "Bearer " + TestAccessTokens.TOKENS.mint(Resource.BOOTSTRAP, JOB))
                .andExpect(status().isUnauthorized());
        verify(refunds, never()).claim(any(), any());
    }

    @Test
    void a_claim_with_another_jobs_token_is_a_403_and_claims_nothing() throws Exception {
        claim("lnbcrt30n1x", "Bearer " + TestAccessTokens.TOKENS.mint(Resource.JOB, OTHER_JOB))
                .andExpect(status().isForbidden())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
                        startsWith("Bearer error=\"insufficient_scope\"")))
                .andExpect(jsonPath("$.reason").value("wrong_resource"));
        verify(refunds, never()).claim(any(), any());
    }

    @Test
    void an_accepted_claim_answers_202_with_the_pending_refund() throws Exception {
        when(refunds.claim(JOB, "lnbcrt30n1x")).thenReturn(Optional.of(
                new RefundClaim(JOB, RefundState.PENDING, 3, HASH, 0)));
        claim("lnbcrt30n1x")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.jobId").value(JOB))
                .andExpect(jsonPath("$.refundState").value("pending"))
                .andExpect(jsonPath("$.refundAmountSats").value(3))
                .andExpect(jsonPath("$.refundPaymentHash").value(HASH));
    }

    @Test
    void a_second_claim_is_a_409_naming_the_first_claims_hash() throws Exception {
        when(refunds.claim(JOB, "lnbcrt30n1y")).thenThrow(new RefundAlreadyRequested(JOB, HASH));
        claim("lnbcrt30n1y")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.refundPaymentHash").value(HASH));
    }

    @Test
    void a_claim_the_job_does_not_allow_is_a_409_problem() throws Exception {
        when(refunds.claim(JOB, "lnbcrt30n1z")).thenThrow(new JobRuleViolation("no refund is due"));
        claim("lnbcrt30n1z")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("no refund is due"));
    }

    @Test
    void a_rejected_invoice_is_a_400_naming_the_failed_check() throws Exception {
        when(refunds.claim(JOB, "lnbc30n1w")).thenThrow(
                new RefundInvoiceRejected(RefundInvoiceRejected.Check.NETWORK, "the invoice is for mainnet"));
        claim("lnbc30n1w")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.check").value("network"));
    }

    @Test
    void an_unknown_job_is_a_404_problem() throws Exception {
        when(refunds.claim(JOB, "lnbcrt30n1v")).thenReturn(Optional.empty());
        claim("lnbcrt30n1v")
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
