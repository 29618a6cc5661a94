package dev.lnjobs.server.session;

import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.problem.Problem;
import dev.lnjobs.api.problem.RuleViolation;
import dev.lnjobs.api.session.SessionCommands.ReserveFunds;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** In the running server, a command the aggregate refuses comes back with its problem in the details. */
class SessionRefusalTest extends ServerTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    Serializer serializer;

    @Test
    void a_request_on_an_unpaid_session_is_refused_with_the_problem_in_the_command_failure_details() {
        ApiClient.Response opened = new SessionClient(api(), port).open(500);
        String sessionId = opened.body().path("sessionId").asText();
        BtcPrice price = new BtcPrice(new BigDecimal("100000"), BtcPrice.Source.FALLBACK, Instant.now());

        Throwable refused = catchThrowable(() -> commands.sendAndWait(new ReserveFunds(sessionId,
                UUID.randomUUID().toString(), "a question", price, Instant.now())));

        assertThat(refused).isInstanceOf(CommandExecutionException.class);
        Problem problem = ((CommandExecutionException) refused).<Problem>getDetails().orElseThrow();
        assertThat(problem).isEqualTo(RuleViolation.problemOf(refused.getCause()).orElseThrow());
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.type()).isEqualTo("urn:lnjobs:problem:not-allowed-in-state");
        assertThat(problem.detail()).contains("awaiting_payment");
        SerializedObject<byte[]> wire = serializer.serialize(problem, byte[].class);
        assertThat(serializer.<byte[], Problem>deserialize(wire)).isEqualTo(problem);
    }
}
