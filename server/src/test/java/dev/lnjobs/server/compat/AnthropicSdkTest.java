package dev.lnjobs.server.compat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.lnjobs.server.compat.CompatSessionFixture.FundedSession;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Anthropic Java SDK, pointed at the server with a session macaroon as its API key. With the stub
 * model, "What is a satoshi?" costs 126 sats (as on the session route).
 */
class AnthropicSdkTest extends ServerTest {

    private static final String QUESTION = "What is a satoshi?";
    private static final String ANSWER = "Stub result for: " + QUESTION;

    private CompatSessionFixture sessions() {
        return new CompatSessionFixture(api());
    }

    private AnthropicClient client(String apiKey) {
        return AnthropicOkHttpClient.builder().apiKey(apiKey).baseUrl("http://localhost:" + port).maxRetries(0)
                .build();
    }

    private static MessageCreateParams question() {
        return MessageCreateParams.builder().model("claude-sonnet-4-6").maxTokens(300).addUserMessage(QUESTION)
                .build();
    }

    private static long extra(Map<String, JsonValue> properties, String name) {
        assertThat(properties).containsKey(name);
        return properties.get(name).convert(Long.class);
    }

    @Test
    void a_message_answers_its_text_usage_and_cost_and_debits_exactly_that() {
        CompatSessionFixture sessions = sessions();
        FundedSession session = sessions.openAndPay(1000);
        HttpResponseFor<Message> raw = client(session.macaroon()).messages().withRawResponse().create(question());

        assertThat(raw.statusCode()).isEqualTo(200);
        Message message = raw.parse();
        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo(ANSWER);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(90);
        assertThat(message.usage().outputTokens()).isEqualTo(29);
        long cost = extra(message.usage()._additionalProperties(), "cost_sats");
        assertThat(raw.headers().values("X-Cost-Sats")).containsExactly(Long.toString(cost));
        assertThat(raw.headers().values("X-Balance-Sats")).containsExactly(Long.toString(1000 - cost));
        // max_tokens 300 is the reservation's work output; the actual cost is that of the tokens used
        assertThat(cost).isEqualTo(126);
        assertThat(sessions.settledBalance(session)).isEqualTo(1000 - cost);
    }

    @Test
    void a_streamed_message_arrives_as_anthropics_events_with_the_usage_in_message_delta() {
        CompatSessionFixture sessions = sessions();
        FundedSession session = sessions.openAndPay(1000);
        List<RawMessageStreamEvent> events = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = client(session.macaroon()).messages()
                .createStreaming(question())) {
            stream.stream().forEach(events::add);
        }

        assertThat(events.get(0).isMessageStart()).isTrue();
        assertThat(events.get(1).isContentBlockStart()).isTrue();
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        StringBuilder text = new StringBuilder();
        events.forEach(event -> event.contentBlockDelta()
                .flatMap(delta -> delta.delta().text()).ifPresent(delta -> text.append(delta.text())));
        assertThat(text.toString()).isEqualTo(ANSWER);
        var messageDelta = events.get(events.size() - 2).asMessageDelta();
        assertThat(messageDelta.delta().stopReason()).contains(StopReason.END_TURN);
        assertThat(messageDelta.usage().outputTokens()).isEqualTo(29);
        assertThat(messageDelta.usage().inputTokens()).contains(90L);
        assertThat(extra(messageDelta.usage()._additionalProperties(), "cost_sats")).isEqualTo(126);
        assertThat(sessions.settledBalance(session)).isEqualTo(1000 - 126);
    }

    @Test
    void a_refused_request_is_answered_as_a_refusal_and_costs_its_evaluation_only() {
        CompatSessionFixture sessions = sessions();
        FundedSession session = sessions.openAndPay(1000);
        HttpResponseFor<Message> raw = client(session.macaroon()).messages().withRawResponse().create(
                MessageCreateParams.builder().model("claude-sonnet-4-6").maxTokens(300)
                        .addUserMessage("Something forbidden").build());
        Message message = raw.parse();
        assertThat(message.stopReason()).contains(StopReason.REFUSAL);
        assertThat(message.content().get(0).text().orElseThrow().text()).contains("refused by the evaluation");
        long cost = Long.parseLong(raw.headers().values("X-Cost-Sats").get(0));
        assertThat(cost).isPositive().isLessThan(126); // the evaluation with margin, no work, no infra share
        assertThat(sessions.settledBalance(session)).isEqualTo(1000 - cost);
    }

    @Test
    void a_key_that_is_no_session_macaroon_is_401() {
        assertThatThrownBy(() -> client("not-a-macaroon").messages().create(question()))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("authentication_error");
                });
    }

    @Test
    void a_session_that_cannot_fund_the_call_is_402_naming_the_top_up_route() {
        CompatSessionFixture sessions = sessions();
        FundedSession poor = sessions.openAndPay(100);
        assertThatThrownBy(() -> client(poor.macaroon()).messages().create(question()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.getMessage()).contains("billing_error")
                            .contains("/api/sessions/" + poor.sessionId() + "/topup");
                });
        assertThat(sessions.balance(poor)).isEqualTo(100);
    }

    @Test
    void a_streamed_call_the_session_cannot_fund_is_402_before_any_event() {
        CompatSessionFixture sessions = sessions();
        FundedSession poor = sessions.openAndPay(100);
        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client(poor.macaroon()).messages()
                    .createStreaming(question())) {
                stream.stream().forEach(event -> { });
            }
        }).isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(402));
        assertThat(sessions.balance(poor)).isEqualTo(100);
    }

    @Test
    void a_message_with_a_non_text_block_is_400() {
        CompatSessionFixture sessions = sessions();
        FundedSession session = sessions.openAndPay(1000);
        assertThatThrownBy(() -> client(session.macaroon()).messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-6").maxTokens(300)
                .addUserMessageOfContentBlockParams(List.of(com.anthropic.models.messages.ContentBlockParam.ofImage(
                        com.anthropic.models.messages.ImageBlockParam.builder()
                                .source(com.anthropic.models.messages.UrlImageSource.builder()
                                        .url("https://example.org/a.png").build()).build()))).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("invalid_request_error").contains("only text blocks");
                });
        assertThat(sessions.balance(session)).isEqualTo(1000);
    }
}
