package dev.lnjobs.server.compat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.lnjobs.server.compat.CompatSessionFixture.FundedSession;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official OpenAI Java SDK, pointed at the server with a session macaroon as its API key. At the seed's defaults
 * and the stub model, "What is a satoshi?" costs 126 sats (as on the session route).
 */
class OpenAiSdkTest extends ServerTest {

    private static final String QUESTION = "What is a satoshi?";
    private static final String ANSWER = "Stub result for: " + QUESTION;

    private CompatSessionFixture sessions() {
        return new CompatSessionFixture(api());
    }

    private OpenAIClient client(String apiKey) {
        return OpenAIOkHttpClient.builder().apiKey(apiKey).baseUrl("http://localhost:" + port + "/v1")
                .maxRetries(0).build();
    }

    private static ChatCompletionCreateParams.Builder question() {
        return ChatCompletionCreateParams.builder().model("claude-sonnet-4-6").addUserMessage(QUESTION);
    }

    private static long extra(CompletionUsage usage, String name) {
        JsonValue value = usage._additionalProperties().get(name);
        assertThat(value).as(name).isNotNull();
        return value.convert(Long.class);
    }

    @Test
    void a_chat_completion_answers_its_text_usage_and_cost_and_debits_exactly_that() {
        CompatSessionFixture sessions = sessions();
        FundedSession session = sessions.openAndPay(1000);
        HttpResponseFor<ChatCompletion> raw = client(session.macaroon()).chat().completions().withRawResponse()
                .create(question().build());

        assertThat(raw.statusCode()).isEqualTo(200);
        ChatCompletion completion = raw.parse();
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).contains(ANSWER);
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage usage = completion.usage().orElseThrow();
        // both models' tokens are billed: evaluation 35 in / 20 out, work 55 in / 9 out
        assertThat(usage.promptTokens()).isEqualTo(90);
        assertThat(usage.completionTokens()).isEqualTo(29);
        assertThat(extra(usage, "cost_sats")).isEqualTo(126);
        assertThat(raw.headers().values("X-Cost-Sats")).containsExactly("126");
        assertThat(raw.headers().values("X-Balance-Sats")).containsExactly("874");
        assertThat(extra(usage, "balance_sats")).isEqualTo(874);
        assertThat(sessions.settledBalance(session)).isEqualTo(1000 - 126);
    }

    @Test
    void a_streamed_chat_completion_arrives_in_chunks_ending_with_the_usage() {
        CompatSessionFixture sessions = sessions();
        FundedSession session = sessions.openAndPay(1000);
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client(session.macaroon()).chat().completions()
                .createStreaming(question().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true)
                        .build()).build())) {
            stream.stream().forEach(chunks::add);
        }

        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        assertThat(text.toString()).isEqualTo(ANSWER);
        assertThat(chunks.size()).isGreaterThan(3); // the stub hands its text over in pieces of 8 characters
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.id()).isEqualTo(chunks.get(0).id()));
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        CompletionUsage usage = last.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(90);
        assertThat(usage.completionTokens()).isEqualTo(29);
        assertThat(extra(usage, "cost_sats")).isEqualTo(126);
        assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason())
                .contains(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(sessions.settledBalance(session)).isEqualTo(1000 - 126);
        assertThat(extra(usage, "balance_sats")).isEqualTo(1000 - 126);
    }

    @Test
    void a_key_that_is_no_session_macaroon_is_401() {
        assertThatThrownBy(() -> client("not-a-macaroon").chat().completions().create(question().build()))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("invalid API key");
                });
    }

    @Test
    void a_session_that_cannot_fund_the_call_is_402_naming_the_top_up_route() {
        CompatSessionFixture sessions = sessions();
        FundedSession poor = sessions.openAndPay(100); // below the 131 sats the call reserves
        assertThatThrownBy(() -> client(poor.macaroon()).chat().completions().create(question().build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.getMessage()).contains("/api/sessions/" + poor.sessionId() + "/topup");
                });
        assertThat(sessions.balance(poor)).isEqualTo(100);
    }

    @Test
    void a_body_without_messages_is_400_and_charges_nothing() {
        CompatSessionFixture sessions = sessions();
        FundedSession session = sessions.openAndPay(1000);
        assertThatThrownBy(() -> client(session.macaroon()).chat().completions().create(
                ChatCompletionCreateParams.builder().model("m").messages(List.of()).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("messages must be a non-empty array");
                });
        assertThat(sessions.balance(session)).isEqualTo(1000);
    }
}
