package dev.lnjobs.server.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionalRequestsTest {

    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void if_none_match_hits_a_listed_strong_or_weak_tag_or_the_wildcard() {
        String tag = ConditionalRequests.entityTag("7.3");
        assertThat(tag).isEqualTo("\"7.3\"");
        assertThat(ConditionalRequests.noneMatchHits("\"7.3\"", tag)).isTrue();
        assertThat(ConditionalRequests.noneMatchHits("W/\"7.3\"", tag)).isTrue();
        assertThat(ConditionalRequests.noneMatchHits("\"1.0\", \"7.3\"", tag)).isTrue();
        assertThat(ConditionalRequests.noneMatchHits("*", tag)).isTrue();
        assertThat(ConditionalRequests.noneMatchHits("\"7.4\"", tag)).isFalse();
        assertThat(ConditionalRequests.noneMatchHits("7.3", tag)).as("unquoted is not the tag").isFalse();
        assertThat(ConditionalRequests.noneMatchHits(null, tag)).isFalse();
    }

    @Test
    void prefer_wait_is_read_among_other_preferences_and_capped() {
        assertThat(ConditionalRequests.preferredWait("wait=10", MAX)).contains(Duration.ofSeconds(10));
        assertThat(ConditionalRequests.preferredWait("respond-async, WAIT = 5", MAX)).contains(Duration.ofSeconds(5));
        assertThat(ConditionalRequests.preferredWait("wait=600", MAX)).contains(MAX);
        assertThat(ConditionalRequests.preferredWait("wait=3;foo=bar", MAX)).contains(Duration.ofSeconds(3));
    }

    @Test
    void a_malformed_or_absent_wait_is_ignored() {
        for (String prefer : new String[]{null, "", "wait", "wait=", "wait=-1", "wait=0", "wait=1.5", "wait=ten",
                "wait=99999999999999", "return=minimal", "foo;wait=5"}) {
            assertThat(ConditionalRequests.preferredWait(prefer, MAX)).as(String.valueOf(prefer))
                    .isEqualTo(Optional.empty());
        }
    }
}
