package dev.lnjobs.server.web;

import dev.lnjobs.command.RuleViolationTranslator;
import dev.lnjobs.server.config.AppSerializer;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.CommandSerializer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

import java.util.function.BiFunction;

/**
 * A command bus whose handlers run "on another node": each result goes through what Axon Server's connector does
 * to it between nodes, serialized with the server's own serializer into the gRPC response's bytes and read back.
 * The handling side runs the server's {@link RuleViolationTranslator}, unless told not to.
 */
final class RemoteCommandBus implements CommandBus {

    private final SimpleCommandBus handlingNode = SimpleCommandBus.builder().build();
    private final CommandSerializer wire;

    RemoteCommandBus(boolean translateViolations) {
        AxonServerConfiguration configuration = new AxonServerConfiguration();
        configuration.setClientId("handling-node");
        configuration.setComponentName("lnjobs");
        wire = new CommandSerializer(AppSerializer.messageSerializer(), configuration);
        if (translateViolations) {
            handlingNode.registerHandlerInterceptor(new RuleViolationTranslator());
        }
    }

    /** Subscribes a handler for commands whose payload is of {@code type}. */
    <C> void handle(Class<C> type, BiFunction<C, CommandMessage<?>, Object> handler) {
        handlingNode.subscribe(type.getName(), message -> handler.apply(type.cast(message.getPayload()), message));
    }

    /** What the sending node gets back: the response's bytes, parsed and deserialized there. */
    CommandResultMessage<?> overTheWire(CommandResultMessage<?> result) {
        try {
            byte[] bytes = wire.serialize(result, "request-1").toByteArray();
            return wire.deserialize(CommandResponse.parseFrom(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, (c, r) -> { });
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        handlingNode.dispatch(command, (c, result) -> ((CommandCallback) callback).onResult(c, overTheWire(result)));
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return handlingNode.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return handlingNode.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return handlingNode.registerDispatchInterceptor(dispatchInterceptor);
    }
}
