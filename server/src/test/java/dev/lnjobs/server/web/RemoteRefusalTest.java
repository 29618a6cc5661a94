package dev.lnjobs.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.api.bootstrap.BootstrapRuleViolation;
import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.api.job.RefundAlreadyRequested;
import dev.lnjobs.api.job.RefundInvoiceRejected;
import dev.lnjobs.api.problem.RuleViolation;
import dev.lnjobs.api.session.DepositOutOfRange;
import dev.lnjobs.api.session.InsufficientBalance;
import dev.lnjobs.api.session.SessionExpiredException;
import dev.lnjobs.api.session.SessionTerms;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A command refused on another node answers as it would have here: the handler's violation crosses the wire (Axon
 * Server's serialization, the server's serializer) as the problem in the exception's details, and ProblemHandler
 * rebuilds the same answer from those alone.
 */
class RemoteRefusalTest {

    record Refuse(String kind) {
    }

    private static final String HASH = "ab".repeat(32);
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    private final ProblemHandler problems = new ProblemHandler();

    static RuleViolation violation(String kind) {
        return switch (kind) {
            case "job-state" -> new JobRuleViolation("job j-1 is not settled yet; no refund is due");
            case "bootstrap-state" -> new BootstrapRuleViolation("bootstrap b-1 is already paid");
            case "refund-again" -> new RefundAlreadyRequested("j-1", HASH);
            case "refund-invoice" -> new RefundInvoiceRejected(RefundInvoiceRejected.Check.AMOUNT_EXACT,
                    "the invoice is for 4000 msat, not 3000");
            case "deposit" -> new DepositOutOfRange(5, new SessionTerms(100, 10_000, 50, Duration.ofHours(24)));
            case "balance" -> new InsufficientBalance("s-1", false, 120, 40, 100, 50);
            case "expired" -> new SessionExpiredException("s-1", Instant.parse("2026-12-01T19:00:00Z"));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static CommandGateway gateway(boolean translateViolations) {
        RemoteCommandBus bus = new RemoteCommandBus(translateViolations);
        bus.handle(Refuse.class, (command, message) -> {
            throw violation(command.kind());
        });
        return DefaultCommandGateway.builder().commandBus(bus).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"job-state", "bootstrap-state", "refund-again", "refund-invoice", "deposit", "balance",
            "expired"})
    void a_violation_refused_on_another_node_answers_as_the_violation_itself(String kind) throws Exception {
        Throwable remote = catchThrowable(() -> gateway(true).sendAndWait(new Refuse(kind)));

        assertThat(remote).isInstanceOf(CommandExecutionException.class);
        assertThat(remote.getCause()).as("the class does not travel").isNotInstanceOf(RuleViolation.class);
        ProblemDetail answered = problems.commandRefused((CommandExecutionException) remote);
        ProblemDetail expected = problems.ruleViolation(violation(kind));
        assertThat(answered.getStatus()).isEqualTo(violation(kind).type().status());
        assertThat(JSON.writeValueAsString(answered)).isEqualTo(JSON.writeValueAsString(expected));
    }

    @Test
    void the_figures_of_an_insufficient_balance_survive_the_wire() {
        CommandExecutionException remote = (CommandExecutionException) catchThrowable(
                () -> gateway(true).sendAndWait(new Refuse("balance")));

        ProblemDetail answered = problems.commandRefused(remote);

        assertThat(answered.getStatus()).isEqualTo(402);
        assertThat(answered.getType()).hasToString("urn:lnjobs:problem:insufficient-balance");
        assertThat(answered.getTitle()).isEqualTo("Insufficient balance");
        assertThat(answered.getDetail()).isEqualTo("this request needs 100 sats reserved but only 80 of the balance"
                + " of 120 sats are free; top up to continue");
        assertThat(answered.getProperties()).containsEntry("topup", "/api/sessions/s-1/topup")
                .containsEntry("balanceSats", 120).containsEntry("reservedSats", 40)
                .containsEntry("requiredSats", 100).containsEntry("minimumBalanceSats", 50);
    }

    @Test
    void without_the_translation_a_remote_refusal_would_be_a_500() {
        CommandExecutionException remote = (CommandExecutionException) catchThrowable(
                () -> gateway(false).sendAndWait(new Refuse("balance")));

        assertThat(remote.getDetails()).isEmpty();
        assertThat(problems.commandRefused(remote).getStatus()).isEqualTo(500);
    }

    @RestController
    static class RefusingController {

        private final CommandGateway commands;

        RefusingController(CommandGateway commands) {
            this.commands = commands;
        }

        @PostMapping("/refuse/{kind}")
        void refuse(@PathVariable String kind) {
            commands.sendAndWait(new Refuse(kind));
        }
    }

    private static MockMvc http() {
        return MockMvcBuilders.standaloneSetup(new RefusingController(gateway(true)))
                .setControllerAdvice(new ProblemHandler()).build();
    }

    @Test
    void over_http_a_remotely_refused_request_answers_402_with_the_top_up_route_and_figures() throws Exception {
        http().perform(post("/refuse/balance"))
                .andExpect(status().isPaymentRequired())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:lnjobs:problem:insufficient-balance"))
                .andExpect(jsonPath("$.title").value("Insufficient balance"))
                .andExpect(jsonPath("$.status").value(402))
                .andExpect(jsonPath("$.topup").value("/api/sessions/s-1/topup"))
                .andExpect(jsonPath("$.balanceSats").value(120))
                .andExpect(jsonPath("$.reservedSats").value(40))
                .andExpect(jsonPath("$.requiredSats").value(100))
                .andExpect(jsonPath("$.minimumBalanceSats").value(50));
    }

    @Test
    void over_http_a_remotely_refused_refund_answers_409_with_the_original_payment_hash() throws Exception {
        http().perform(post("/refuse/refund-again"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:lnjobs:problem:refund-already-requested"))
                .andExpect(jsonPath("$.title").value("Refund already requested"))
                .andExpect(jsonPath("$.refundPaymentHash").value(HASH));
        http().perform(post("/refuse/job-state"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:lnjobs:problem:not-allowed-in-state"))
                .andExpect(jsonPath("$.title").value("Not allowed in this state"))
                .andExpect(jsonPath("$.detail").value("job j-1 is not settled yet; no refund is due"));
    }

    @Test
    void over_http_a_remotely_refused_expired_session_answers_410_and_a_bad_invoice_400() throws Exception {
        http().perform(post("/refuse/expired"))
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.type").value("urn:lnjobs:problem:session-expired"))
                .andExpect(jsonPath("$.title").value("Session expired"));
        http().perform(post("/refuse/refund-invoice"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Refund invoice rejected"))
                .andExpect(jsonPath("$.check").value("amount_exact"));
    }
}
