package dev.lnjobs.server.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;
import dev.lnjobs.api.bootstrap.BootstrapQueries.InvoiceView;
import dev.lnjobs.api.bootstrap.BootstrapRuleViolation;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.bootstrap.NodePlan;
import dev.lnjobs.server.bootstrap.BootstrapService.BootstrapRead;
import dev.lnjobs.server.config.BootstrapProperties;
import dev.lnjobs.server.config.LightningProperties;
import dev.lnjobs.server.web.ProblemAdvice;
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

import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP contract of /api/bootstrap, on a mocked {@link BootstrapService}. */
@WebMvcTest(BootstrapController.class)
@ContextConfiguration(classes = {BootstrapController.class, ProblemAdvice.class})
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

    private static BootstrapView view(BootstrapState state, InvoiceView invoice) {
        return new BootstrapView(ID, state, "timmy-node-1", 10_000, new NodePlan("nyc3", "s-2vcpu-4gb", 500), invoice,
                "ssh-ed25519 AAAA", "SHA256:abc", false, 1L, null, false, "192.0.2.10", null, null, null, List.of(),
                List.of(), null, NOW, NOW);
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
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString(
                        "POST /api/dev/stub/pay/" + hash)));
    }

    @Test
    void the_read_that_hands_the_key_over_is_never_cached_on_the_way() throws Exception {
        when(bootstraps.read(ID)).thenReturn(Optional.of(new BootstrapRead(view(BootstrapState.READY, null), "KEY")));
        mvc.perform(get("/api/bootstrap/" + ID))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(jsonPath("$.credentials.sshPrivateKey").value("KEY"))
                .andExpect(jsonPath("$.sshKeyNote").value(BootstrapResponse.KEY_SHOWN_NOW));
    }

    @Test
    void a_later_read_shows_a_null_key_and_says_why() throws Exception {
        when(bootstraps.read(ID)).thenReturn(Optional.of(new BootstrapRead(view(BootstrapState.READY, null), null)));
        mvc.perform(get("/api/bootstrap/" + ID))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.credentials.sshPrivateKey").isEmpty())
                .andExpect(jsonPath("$.sshKeyNote").value(BootstrapResponse.KEY_GONE));
    }

    @Test
    void an_unknown_bootstrap_is_a_404_and_a_refused_request_a_409_problem() throws Exception {
        when(bootstraps.read(ID)).thenReturn(Optional.empty());
        mvc.perform(get("/api/bootstrap/" + ID))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        when(bootstraps.request()).thenThrow(new BootstrapRuleViolation("refused"));
        mvc.perform(post("/api/bootstrap"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("refused"));
    }
}
