package dev.lnjobs.command;

import dev.lnjobs.api.problem.RuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Sends a command handler's {@link RuleViolation} back as a {@link CommandExecutionException} whose details are
 * the violation's {@link dev.lnjobs.api.problem.Problem}. Routed to another node (Axon Server), a handler's
 * exception reaches the sender as its message and those details only, its class lost; translated here on every
 * node, a refusal has the same shape for the sender wherever the command ran, so 409, 402 and 410 stay what they
 * are. The violation stays the cause, for the local log.
 */
public final class RuleViolationTranslator implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (RuleViolation violation) {
            throw translate(violation);
        }
    }

    public static CommandExecutionException translate(RuleViolation violation) {
        return new CommandExecutionException(violation.getMessage(), violation, violation.problem());
    }
}
