package dev.lnjobs.query;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.mockito.ArgumentCaptor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.verify;

/** Asks a projection's {@code @QueryHandler}s through a query bus, and reads what it pushed to subscribers. */
public final class QueryAnswers {

    private final SimpleQueryBus bus = SimpleQueryBus.builder().build();

    public QueryAnswers(Object projection) {
        new AnnotationQueryHandlerAdapter<>(projection).subscribe(bus);
    }

    /** The handler's answer; null when it answered none. */
    public <R> R ask(Object query, Class<R> answer) {
        try {
            return bus.query(new GenericQueryMessage<>(query, ResponseTypes.instanceOf(answer))).get().getPayload();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The updates a mocked emitter was given for subscribers of {@code query}, oldest first. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <Q, U> List<U> pushed(QueryUpdateEmitter emitter, Class<Q> queryType, Q query, Class<U> update) {
        ArgumentCaptor<Predicate> filters = ArgumentCaptor.forClass(Predicate.class);
        ArgumentCaptor<Object> updates = ArgumentCaptor.forClass(Object.class);
        verify(emitter, atLeast(0)).emit(eq(queryType), filters.capture(), updates.capture());
        List<U> matching = new ArrayList<>();
        for (int i = 0; i < filters.getAllValues().size(); i++) {
            if (filters.getAllValues().get(i).test(query)) {
                matching.add(update.cast(updates.getAllValues().get(i)));
            }
        }
        return matching;
    }
}
