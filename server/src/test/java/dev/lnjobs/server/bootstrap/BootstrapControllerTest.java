package dev.lnjobs.server.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;
import dev.lnjobs.api.bootstrap.BootstrapQueries.InvoiceView;
import dev.lnjobs.api.bootstrap.BootstrapRuleViolation;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.bootstrap.NodePlan;
import dev.lnjobs.server.bootstrap.BootstrapService.BootstrapRead;
import dev.lnjobs.server.config.BootstrapProperties;
import dev.lnjobs.server.config.LightningProperties;
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

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP contract of /api/bootstrap, on a mocked {@link BootstrapService}. */
@WebMvcTest(BootstrapController.class)
@ContextConfiguration(classes = {BootstrapController.class, ProblemAdvice.class, TestAccessTokens.class})
class BootstrapControllerTest {

    private static final String ID = "6f1c2a1e-8d7b-4a53-9a55-0b0f2f1d7c11";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private BootstrapService bootstraps;

    @MockitoBean
    private BootstrapProperties bootstrap;

    @MockitoBean
    private LightningProperties lightning;

    private static final String OTHER = "0b6f0d3c-3b0e-4c1e-9d0a-6a3e8f2b1c44";

    private static String bearer(String id) {
        return "Bearer " + TestAccessTokens.TOKENS.mint(Resource.BOOTSTRAP, id);
    }

    private static BootstrapView view(BootstrapState state, InvoiceView invoice) {
        return new BootstrapView(ID, state, "timmy-node-1", 10_000, new NodePlan("nyc3", "s-2vcpu-4gb", 500), invoice,
                "ssh-ed25519 AAAA", "SHA256:abc", false, 1L, null, false, "192.0.2.10", null, null, null, List.of(),
                List.of(), null, NOW, NOW, null);
    }

    @Test
    void a_requested_bootstrap_answers_201_with_its_invoice_and_the_stub_payment_route() throws Exception {
        String hash = "ab".repeat(32);
        when(lightning.stub()).thenReturn(true);
        when(bootstraps.request()).thenReturn(view(BootstrapState.AWAITING_PAYMENT,
                new InvoiceView(hash, "lnbcrt100u1stub", 10_000, NOW.plusSeconds(3600), false)));
        mvc.perform(post("/api/bootstrap"))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/bootstrap/" + ID))
                .andExpect(jsonPath("$.invoice.amountSats").value(10_000))
                .andExpect(jsonPath("$.accessToken").isString())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString(
                        "POST /api/dev/stub/pay/" + hash)));
    }

    @Test
    void the_read_that_hands_the_key_over_is_never_cached_on_the_way() throws Exception {
        when(bootstraps.read(ID, true))
                .thenReturn(Optional.of(new BootstrapRead(view(BootstrapState.READY, null), "KEY")));
        mvc.perform(get("/api/bootstrap/" + ID).header(HttpHeaders.AUTHORIZATION, bearer(ID)))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(jsonPath("$.credentials.sshPrivateKey").value("KEY"))
                .andExpect(jsonPath("$.sshKeyNote").value(BootstrapResponse.KEY_SHOWN_NOW));
    }

    @Test
    void a_later_read_shows_a_null_key_and_says_why() throws Exception {
        when(bootstraps.read(ID, true))
                .thenReturn(Optional.of(new BootstrapRead(view(BootstrapState.READY, null), null)));
        mvc.perform(get("/api/bootstrap/" + ID).header(HttpHeaders.AUTHORIZATION, bearer(ID)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.credentials.sshPrivateKey").isEmpty())
                .andExpect(jsonPath("$.sshKeyNote").value(BootstrapResponse.KEY_GONE));
    }

    @Test
    void an_unknown_bootstrap_is_a_404_and_a_refused_request_a_409_problem() throws Exception {
        when(bootstraps.read(ID, false)).thenReturn(Optional.empty());
        mvc.perform(get("/api/bootstrap/" + ID))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        when(bootstraps.request()).thenThrow(new BootstrapRuleViolation("refused"));
        mvc.perform(post("/api/bootstrap"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("refused"));
    }

    @Test
    void a_reader_without_the_token_sees_the_state_only_and_the_vault_is_not_asked() throws Exception {
        when(bootstraps.read(ID, false))
                .thenReturn(Optional.of(new BootstrapRead(view(BootstrapState.READY, null), null)));
        mvc.perform(get("/api/bootstrap/" + ID))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ready"))
                .andExpect(jsonPath("$.credentials").doesNotExist())
                .andExpect(jsonPath("$.nextSteps").doesNotExist())
                .andExpect(jsonPath("$.sshKeyNote").value(BootstrapResponse.TOKEN_NEEDED));
        verify(bootstraps, never()).read(ID, true);
    }

    @Test
    void another_bootstraps_token_is_a_403_and_a_forged_one_a_401_and_neither_reads() throws Exception {
        mvc.perform(get("/api/bootstrap/" + ID).header(HttpHeaders.AUTHORIZATION, bearer(OTHER)))
                .andExpect(status().isForbidden())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
                        org.hamcrest.Matchers.startsWith("Bearer error=\"insufficient_scope\"")));
        mvc.perform(get("/api/bootstrap/" + ID).header(HttpHeaders.AUTHORIZATION, "Bearer not-a-macaroon"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
                        org.hamcrest.Matchers.startsWith("Bearer error=\"invalid_token\"")));
        verify(bootstraps, never()).read(any(), anyBoolean());
    }
}
