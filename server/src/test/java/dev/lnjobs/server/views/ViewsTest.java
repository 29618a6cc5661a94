package dev.lnjobs.server.views;

import dev.lnjobs.api.job.JobRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** "Send a command, then wait for the view": the subscription is closed on every path. */
class ViewsTest {

    private record Query(String id) {
    }

    private final CommandGateway commands = mock(CommandGateway.class);
    private final QueryGateway queries = mock(QueryGateway.class);
    @SuppressWarnings("unchecked")
    private final SubscriptionQueryResult<String, String> subscription = mock(SubscriptionQueryResult.class);
    private final Views views = new Views(commands, queries);

    @BeforeEach
    @SuppressWarnings("unchecked")
    void subscriptionAnswers() {
        when(queries.subscriptionQuery(any(), any(ResponseType.class), any(ResponseType.class)))
                .thenReturn((SubscriptionQueryResult) subscription);
    }

    @Test
    void a_refused_command_closes_the_subscription_and_its_exception_propagates() {
        Object command = new Object();
        when(commands.sendAndWait(command)).thenThrow(new JobRuleViolation("refused"));

        PendingView<String> view = views.subscribe(new Query("a"), String.class, v -> true, Duration.ofSeconds(5));
        assertThatThrownBy(() -> views.sendAndAwait(command, view))
                .isInstanceOf(JobRuleViolation.class).hasMessage("refused");
        verify(subscription).close();
    }

    @Test
    void the_wait_answers_the_first_view_that_shows_the_outcome_and_closes() {
        Object command = new Object();
        when(subscription.initialResult()).thenReturn(Mono.just("issuing"));
        when(subscription.updates()).thenReturn(Flux.just("still issuing", "invoiced", "paid"));

        PendingView<String> view = views.subscribe(new Query("a"), String.class, "invoiced"::equals,
                Duration.ofSeconds(5));
        assertThat(views.sendAndAwait(command, view)).contains("invoiced");
        var order = inOrder(queries, commands, subscription);
        order.verify(queries).subscriptionQuery(any(), any(ResponseType.class), any(ResponseType.class));
        order.verify(commands).sendAndWait(command);
        order.verify(subscription).close();
    }

    @Test
    void a_view_that_never_shows_the_outcome_answers_empty_at_the_timeout_and_closes() {
        when(subscription.initialResult()).thenReturn(Mono.just("issuing"));
        when(subscription.updates()).thenReturn(Flux.never());

        PendingView<String> view = views.subscribe(new Query("a"), String.class, "invoiced"::equals,
                Duration.ofMillis(50));
        assertThat(views.sendAndAwait(new Object(), view)).isEmpty();
        verify(subscription).close();
    }
}
