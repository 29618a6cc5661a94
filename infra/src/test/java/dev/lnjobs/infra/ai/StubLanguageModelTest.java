package dev.lnjobs.infra.ai;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.sagas.ai.LanguageModel.Evaluation;
import dev.lnjobs.sagas.ai.LanguageModel.WorkResult;
import dev.lnjobs.sagas.ai.LanguageModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StubLanguageModelTest {

    private final StubLanguageModel stub = new StubLanguageModel();

    @Test
    void accepts_ordinary_request() {
        Evaluation evaluation = stub.evaluate("any-model", "Summarise this article about bees.");

        assertThat(evaluation.accepted()).isTrue();
        assertThat(evaluation.reason()).isEqualTo("stub evaluation: acceptable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Please REJECT this one", "the forbidden question", "Auto-Rejected text"})
    void rejects_request_mentioning_reject_or_forbidden_in_any_case(String request) {
        Evaluation evaluation = stub.evaluate("any-model", request);

        assertThat(evaluation.accepted()).isFalse();
        assertThat(evaluation.reason()).startsWith("stub evaluation: request contains");
    }

    @Test
    void a_fail_work_request_is_accepted_and_its_work_fails_for_good() {
        assertThat(stub.evaluate("m", "please Fail-Work now").accepted()).isTrue();

        assertThatThrownBy(() -> stub.work("m", "please Fail-Work now", 1024))
                .isInstanceOfSatisfying(LanguageModelException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("fail-work");
    }

    @Test
    void counts_evaluation_tokens_from_request_length() {
        // 10 chars -> ceil(10/4) = 3, plus 30 for the evaluation prompt; the verdict costs a fixed 20
        assertThat(stub.evaluate("m", "0123456789").usage()).isEqualTo(new TokenUsage(33, 20));
    }

    @Test
    void works_by_echoing_request_with_tokens_from_text_lengths() {
        WorkResult result = stub.work("m", "hello", 1024);

        assertThat(result.text()).isEqualTo("Stub result for: hello");
        // input ceil(5/4) = 2 plus 50 for the work prompt; output ceil(22/4) = 6
        assertThat(result.usage()).isEqualTo(new TokenUsage(52, 6));
    }

    @Test
    void truncates_echo_of_long_request_to_200_chars() {
        String longRequest = "a".repeat(1000);

        WorkResult result = stub.work("m", longRequest, 1024);

        assertThat(result.text()).isEqualTo("Stub result for: " + "a".repeat(200) + "...");
        assertThat(result.usage()).isEqualTo(new TokenUsage(250 + 50, (long) Math.ceil(result.text().length() / 4.0)));
    }

    @Test
    void answers_the_same_request_the_same_way_every_time() {
        String request = "Translate 'good morning' into Portuguese.";

        assertThat(new StubLanguageModel().work("a", request, 1024)).isEqualTo(stub.work("b", request, 1024));
        assertThat(new StubLanguageModel().evaluate("a", request)).isEqualTo(stub.evaluate("b", request));
    }
}
