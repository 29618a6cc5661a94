package dev.lnjobs.server.compat;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.session.RequestCost;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionCommands.ReserveFunds;
import dev.lnjobs.api.session.SessionCommands.SettleRequest;
import dev.lnjobs.api.session.SessionQueries.SessionRequestView;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionState;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.sagas.ai.LanguageModelException;
import dev.lnjobs.server.config.SessionProperties;
import dev.lnjobs.server.views.PendingView;
import dev.lnjobs.server.views.Views;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A streamed call on the caller's thread: reserved with {@code streamed = true} and the client's cap, settled
 * exactly once, as failed (nothing debited) when the model breaks off mid-stream, with the provider's error event
 * after the pieces already sent.
 */
class CompatSessionsStreamTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final BtcPrice PRICE = new BtcPrice(new BigDecimal("100000"), BtcPrice.Source.FALLBACK, NOW, 0);
    private static final String SESSION = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private static final TokenUsage EVAL = new TokenUsage(35, 20);
    private static final TokenUsage WORK = new TokenUsage(55, 9);

    private final List<Object> commands = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private Views views;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        views = mock(Views.class);
        when(views.subscribe(any(), any(), any(), any())).thenReturn(mock(PendingView.class));
        when(views.sendAndAwait(any(), any())).thenAnswer(call -> {
            Object command = call.getArgument(0);
            commands.add(command);
            return command instanceof SettleRequest settle ? Optional.of(settled(settle)) : Optional.empty();
        });
    }

    private CompatSessions sessions(LanguageModel model) {
        SessionProperties properties = new SessionProperties(100, 10_000, 50, Duration.ofHours(24),
                Duration.ofSeconds(120), null, "http://localhost");
        return new CompatSessions(views, null, model, () -> PRICE, Tariff.defaults(), properties,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SessionRequestView settled(SettleRequest settle) {
        boolean complete = settle.outcome() == RequestState.COMPLETE;
        RequestCost cost = new RequestCost("claude-haiku-4-5", settle.evalUsage(), BigDecimal.ZERO,
                "claude-sonnet-4-6", settle.workUsage(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                complete ? 126 : 0, PRICE);
        return new SessionRequestView(settle.requestId(), SESSION, settle.outcome(), "?", settle.result(),
                settle.reason(), 131, 131, cost, complete ? 126L : 0L, 0L, complete ? 874L : 1000L, NOW, NOW);
    }

    private static SessionView session() {
        return new SessionView(SESSION, SessionState.ACTIVE, 1000, 1000, 0, 50, 0, 0, NOW.plusSeconds(3600), null,
                null, null, NOW, NOW);
    }

    private CompatStream recorder() {
        return new CompatStream() {
            @Override
            public void start(String requestId, String model) {
                events.add("start " + model);
            }

            @Override
            public void text(String piece) {
                events.add("text " + piece);
            }

            @Override
            public void finish(CompatAnswer answer) {
                events.add("finish " + answer.stop() + " " + answer.costSats() + " " + answer.balanceSats());
            }

            @Override
            public void fail(CompatError error) {
                events.add("fail " + error.status());
            }
        };
    }

    /** Accepts every request; the work writes two pieces, then does what {@code end} says. */
    private static LanguageModel model(Runnable end) {
        return new LanguageModel() {
            @Override
            public Evaluation evaluate(String model, String request) {
                return new Evaluation(true, "fine", EVAL);
            }

            @Override
            public WorkResult work(String model, String request, long maxOutputTokens) {
                throw new AssertionError("a streamed call uses streamWork");
            }

            @Override
            public WorkResult streamWork(String model, String request, long maxOutputTokens,
                                         Consumer<String> onText) {
                onText.accept("Hel");
                onText.accept("lo");
                end.run();
                return new WorkResult("Hello", WORK);
            }
        };
    }

    @Test
    void a_stream_is_reserved_for_the_clients_cap_and_settled_once_at_its_actual_usage() {
        sessions(model(() -> { })).stream(session(), new CompatRequest("Say hello", 300L, true, true), recorder());

        assertThat(commands).hasSize(2);
        ReserveFunds reserve = (ReserveFunds) commands.get(0);
        assertThat(reserve.streamed()).isTrue();
        assertThat(reserve.maxOutputTokens()).isEqualTo(300);
        SettleRequest settle = (SettleRequest) commands.get(1);
        assertThat(settle.outcome()).isEqualTo(RequestState.COMPLETE);
        assertThat(settle.requestId()).isEqualTo(reserve.requestId());
        assertThat(settle.evalUsage()).isEqualTo(EVAL);
        assertThat(settle.workUsage()).isEqualTo(WORK);
        assertThat(events).containsExactly("start claude-sonnet-4-6", "text Hel", "text lo", "finish END 126 874");
    }

    @Test
    void a_stream_the_model_breaks_off_ends_with_the_error_event_and_is_settled_failed_at_no_cost() {
        sessions(model(() -> {
            throw new LanguageModelException("overloaded_error: Overloaded", true);
        })).stream(session(), new CompatRequest("Say hello", null, true, true), recorder());

        assertThat(commands).hasSize(2);
        assertThat(((ReserveFunds) commands.get(0)).maxOutputTokens()).isEqualTo(CompatRequest.MAX_OUTPUT_TOKENS);
        SettleRequest settle = (SettleRequest) commands.get(1);
        assertThat(settle.outcome()).isEqualTo(RequestState.FAILED);
        assertThat(settle.reason()).contains("work failed").contains("Overloaded");
        assertThat(events).containsExactly("start claude-sonnet-4-6", "text Hel", "text lo", "fail 500");
    }

    @Test
    void a_cap_above_the_adapters_ceiling_reserves_the_ceiling() {
        sessions(model(() -> { })).stream(session(), new CompatRequest("Say hello", 32_000L, true, true),
                recorder());
        assertThat(((ReserveFunds) commands.get(0)).maxOutputTokens()).isEqualTo(CompatRequest.MAX_OUTPUT_TOKENS);
    }
}
