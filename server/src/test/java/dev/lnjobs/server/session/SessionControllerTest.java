package dev.lnjobs.server.session;

import dev.lnjobs.api.session.DepositOutOfRange;
import dev.lnjobs.api.session.InsufficientBalance;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionExpiredException;
import dev.lnjobs.api.session.SessionQueries.InvoiceView;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionState;
import dev.lnjobs.api.session.SessionTerms;
import dev.lnjobs.server.job.RequestText;
import dev.lnjobs.server.session.SessionService.RequestRun;
import dev.lnjobs.server.web.ProblemAdvice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP contract of /api/sessions, on a mocked {@link SessionService} and authentication. */
@WebMvcTest(SessionController.class)
@ContextConfiguration(classes = {SessionController.class, RequestText.class, ProblemAdvice.class})
class SessionControllerTest {

    private static final String SESSION = "8a6c0d1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final SessionTerms TERMS = new SessionTerms(100, 10_000, 50, Duration.ofHours(24));

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private SessionService sessions;

    @MockitoBean
    private SessionAuthentication authentication;

    private static SessionView session(SessionState state, InvoiceView deposit) {
        return new SessionView(SESSION, state, 500, state == SessionState.ACTIVE ? 500 : 0, 0, 50, 0, 0,
                NOW.plusSeconds(86_400), deposit, null, null, NOW, NOW);
    }

    private static MockHttpServletRequestBuilder postJson(String path, String json) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    @BeforeEach
    void aSessionExists() {
        when(sessions.find(SESSION)).thenReturn(Optional.of(session(SessionState.ACTIVE, null)));
    }

    @Test
    void an_opened_session_answers_201_with_its_deposit_invoice_and_location() throws Exception {
        InvoiceView deposit = new InvoiceView("ef".repeat(32), "lnbcrt5u1stub", 500, NOW.plusSeconds(3600), false);
        when(sessions.open(500)).thenReturn(session(SessionState.AWAITING_PAYMENT, deposit));
        when(authentication.mintAtCreation(SESSION)).thenReturn("MDAxY2xvY2F0aW9u");
        mvc.perform(postJson("/api/sessions", "{\"amount_sats\": 500}"))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/sessions/" + SESSION))
                .andExpect(jsonPath("$.invoice.amountSats").value(500))
                .andExpect(jsonPath("$.macaroon").value("MDAxY2xvY2F0aW9u"))
                .andExpect(jsonPath("$.accessToken").value("MDAxY2xvY2F0aW9u"));
    }

    @Test
    void a_missing_amount_is_a_400_and_an_amount_the_aggregate_refuses_a_400_problem() throws Exception {
        mvc.perform(postJson("/api/sessions", "{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("amount_sats is required"));
        verify(sessions, never()).open(anyLong());
        when(sessions.open(5)).thenThrow(new DepositOutOfRange(5, TERMS));
        mvc.perform(postJson("/api/sessions", "{\"amount_sats\": 5}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("amount_sats must be between 100 and 10000 sats, not 5"));
    }

    @Test
    void a_holders_read_carries_the_balance_and_the_macaroon_the_authentication_mints() throws Exception {
        SessionView active = session(SessionState.ACTIVE, null);
        when(sessions.read(SESSION)).thenReturn(Optional.of(active));
        when(authentication.holds(SESSION, "Bearer x")).thenReturn(true);
        when(authentication.mintForHolder(active)).thenReturn("MDAxY2xvY2F0aW9u");
        mvc.perform(get("/api/sessions/" + SESSION).header(HttpHeaders.AUTHORIZATION, "Bearer x"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("active"))
                .andExpect(jsonPath("$.balanceSats").value(500))
                .andExpect(jsonPath("$.macaroon").value("MDAxY2xvY2F0aW9u"));
    }

    @Test
    void a_read_without_a_credential_shows_the_state_only_and_mints_nothing() throws Exception {
        SessionView active = session(SessionState.ACTIVE, null);
        when(sessions.read(SESSION)).thenReturn(Optional.of(active));
        mvc.perform(get("/api/sessions/" + SESSION))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("active"))
                .andExpect(jsonPath("$.expiresAt").exists())
                .andExpect(jsonPath("$.balanceSats").doesNotExist())
                .andExpect(jsonPath("$.reservedSats").doesNotExist())
                .andExpect(jsonPath("$.debitedTotalSats").doesNotExist())
                .andExpect(jsonPath("$.macaroon").doesNotExist())
                .andExpect(jsonPath("$.accessToken").doesNotExist());
        verify(authentication, never()).mintForHolder(any());
        verify(authentication, never()).mintAtCreation(any());
    }

    @Test
    void a_request_without_a_token_is_a_401_with_a_bearer_challenge_and_runs_nothing() throws Exception {
        doThrow(SessionTokenRejected.missing()).when(authentication).requireToken(any(), eq(null));
        mvc.perform(postJson("/api/sessions/" + SESSION + "/request", "{\"request\": \"hi\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                .andExpect(jsonPath("$.reason").value("missing"));
        verify(sessions, never()).runRequest(anyString(), anyString());
    }

    @Test
    void an_expired_session_is_a_410_problem() throws Exception {
        doThrow(new SessionExpiredException(SESSION, NOW)).when(authentication).requireToken(any(), any());
        mvc.perform(postJson("/api/sessions/" + SESSION + "/topup", "{\"amount_sats\": 500}")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer x"))
                .andExpect(status().isGone())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void a_request_the_balance_cannot_cover_is_a_402_naming_the_top_up_route() throws Exception {
        when(sessions.runRequest(SESSION, "hi")).thenThrow(new InsufficientBalance(SESSION, true, 48, 0, 131, 50));
        mvc.perform(postJson("/api/sessions/" + SESSION + "/request", "{\"request\": \"hi\"}")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer x"))
                .andExpect(status().isPaymentRequired())
                .andExpect(jsonPath("$.topup").value("/api/sessions/" + SESSION + "/topup"))
                .andExpect(jsonPath("$.requiredSats").value(131));
    }

    @Test
    void a_request_still_running_at_the_wait_answers_202_with_its_location() throws Exception {
        String requestId = "0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a";
        when(sessions.runRequest(SESSION, "hi")).thenReturn(new RequestRun(SESSION, requestId, null));
        mvc.perform(postJson("/api/sessions/" + SESSION + "/request", "{\"request\": \"hi\"}")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer x"))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION,
                        "/api/sessions/" + SESSION + "/requests/" + requestId))
                .andExpect(jsonPath("$.state").value(RequestState.RUNNING.wireName()));
    }
}
