package dev.lnjobs.server.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command gateway re-sends a command that lost an append race with another node, and only such a command. */
class CommandRetryTest {

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final AtomicInteger calls = new AtomicInteger();
    private final CommandGateway gateway = new CommandGatewayConfiguration().commandGateway(bus,
            new CommandGatewayConfiguration().concurrencyRetryScheduler());

    private void handle(MessageHandler<CommandMessage<?>> handler) {
        bus.subscribe(String.class.getName(), handler);
    }

    @Test
    void a_command_whose_append_lost_a_race_is_sent_again() {
        handle(message -> {
            if (calls.incrementAndGet() == 1) {
                throw new ConcurrencyException("An event for aggregate [job] at sequence [2] was already inserted");
            }
            return "confirmed";
        });

        assertThat((String) gateway.sendAndWait("confirm")).isEqualTo("confirmed");
        assertThat(calls).hasValue(2);
    }

    @Test
    void a_command_refused_for_any_other_reason_is_sent_once() {
        handle(message -> {
            calls.incrementAndGet();
            throw new IllegalStateException("cannot record an evaluation while the job is complete");
        });

        assertThatThrownBy(() -> gateway.sendAndWait("evaluate")).hasMessageContaining("cannot record");
        assertThat(calls).hasValue(1);
    }

    @Test
    void a_race_lost_every_time_ends_in_the_concurrency_failure() {
        handle(message -> {
            calls.incrementAndGet();
            throw new ConcurrencyException("lost again");
        });

        assertThatThrownBy(() -> gateway.sendAndWait("confirm")).isInstanceOf(ConcurrencyException.class);
        assertThat(calls).hasValue(6);
    }
}
