package dev.lnjobs.sagas.retry;

import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.sagas.ai.LanguageModelException;
import dev.lnjobs.sagas.bootstrap.CloudException;
import dev.lnjobs.sagas.lightning.LightningException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private static final Failure TRANSIENT = new Failure("503", true, Optional.empty());
    private static final Failure PERMANENT = new Failure("401", false, Optional.empty());

    @Test
    void doubles_from_the_first_delay_until_the_attempts_run_out() {
        RetryPolicy policy = RetryPolicy.withoutJitter(4, Duration.ofSeconds(1));

        assertThat(policy.next(1, TRANSIENT, "job-1")).contains(Duration.ofSeconds(1));
        assertThat(policy.next(2, TRANSIENT, "job-1")).contains(Duration.ofSeconds(2));
        assertThat(policy.next(3, TRANSIENT, "job-1")).contains(Duration.ofSeconds(4));
        assertThat(policy.next(4, TRANSIENT, "job-1")).isEmpty();
    }

    @Test
    void a_permanent_failure_is_not_retried_unless_the_step_is_worth_it_anyway() {
        RetryPolicy policy = RetryPolicy.withoutJitter(3, Duration.ofSeconds(2));

        assertThat(policy.next(1, PERMANENT, "b-1")).isEmpty();
        assertThat(policy.nextEvenIfPermanent(1, Optional.empty(), "b-1")).contains(Duration.ofSeconds(2));
        assertThat(policy.nextEvenIfPermanent(3, Optional.empty(), "b-1")).isEmpty();
    }

    @Test
    void the_wait_a_service_asked_for_wins() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), 0.5);
        Failure rateLimited = new Failure("429", true, Optional.of(Duration.ofSeconds(7)));

        assertThat(policy.next(2, rateLimited, "job-1")).contains(Duration.ofSeconds(7));
    }

    @Test
    void jitter_lengthens_each_delay_by_at_most_its_share_the_same_way_every_time_and_differently_per_saga() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(10), 0.2);
        Set<Duration> firstDelays = new HashSet<>();
        for (int saga = 0; saga < 50; saga++) {
            String key = "job-" + saga;
            for (int attempt = 1; attempt <= 3; attempt++) {
                Duration base = policy.baseDelay(attempt);
                Duration delay = policy.delay(attempt, key);
                assertThat(delay).isBetween(base, base.plus(base.dividedBy(5)));
                assertThat(policy.delay(attempt, key)).isEqualTo(delay);
            }
            firstDelays.add(policy.delay(1, key));
        }
        assertThat(firstDelays).as("50 sagas failing together retry spread out").hasSizeGreaterThan(40);
        assertThat(RetryPolicy.withoutJitter(10, Duration.ofSeconds(10)).delay(1, "job-1"))
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refuses_a_policy_it_cannot_retry_by() {
        assertThatThrownBy(() -> RetryPolicy.withoutJitter(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_port_failure_says_whether_it_is_transient_and_how_long_to_wait() {
        assertThat(Failure.of(new LightningException("node down", true)))
                .isEqualTo(new Failure("node down", true, Optional.empty()));
        assertThat(Failure.of(new LanguageModelException("429", true, Duration.ofSeconds(3), null)).retryAfter())
                .contains(Duration.ofSeconds(3));
        assertThat(Failure.classify(new CloudException("bad token", false)).isTransient()).isFalse();
    }

    @Test
    void a_refused_command_is_permanent_even_once_translated_and_anything_unknown_is_transient() {
        JobRuleViolation violation = new JobRuleViolation("job is complete");
        CommandExecutionException translated = new CommandExecutionException(violation.getMessage(), null,
                violation.problem());

        assertThat(Failure.classify(violation).isTransient()).isFalse();
        assertThat(Failure.classify(translated).isTransient()).isFalse();
        assertThat(Failure.classify(new IllegalArgumentException("bad plan")).isTransient()).isFalse();
        assertThat(Failure.classify(new IllegalStateException("connection reset")).isTransient()).isTrue();
    }
}
