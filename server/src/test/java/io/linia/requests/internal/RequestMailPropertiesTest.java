package io.linia.requests.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The outbox's back-off (CASE-4): doubling from the first delay, capped. */
class RequestMailPropertiesTest {

    private static RequestMailProperties with(Duration first, Duration max, int attempts) {
        return new RequestMailProperties("linia@localhost", "", Duration.ofSeconds(30), 20, attempts, first, max,
                Duration.ofMinutes(5));
    }

    @Test
    void theWaitDoublesAfterEachFailedAttemptUpToTheLongest() {
        RequestMailProperties p = with(Duration.ofMinutes(1), Duration.ofHours(1), 10);
        int[] minutes = {1, 2, 4, 8, 16, 32, 60, 60, 60};
        for (int attempt = 1; attempt <= minutes.length; attempt++) {
            assertThat(p.retryAfter(attempt)).as("after attempt " + attempt).isEqualTo(Duration.ofMinutes(minutes[attempt - 1]));
        }
        assertThat(p.retryAfter(1000)).as("no overflow").isEqualTo(Duration.ofHours(1));
        assertThat(with(Duration.ofSeconds(10), Duration.ofSeconds(10), 3).retryAfter(5)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> with(Duration.ofMinutes(2), Duration.ofMinutes(1), 10))
                .hasMessageContaining("retry-delay");
        assertThatThrownBy(() -> with(Duration.ofMinutes(1), Duration.ofHours(1), 0)).hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new RequestMailProperties("a@b", "", Duration.ofMillis(10), 20, 10, Duration.ofMinutes(1),
                Duration.ofHours(1), Duration.ofMinutes(5))).hasMessageContaining("dispatch-interval");
    }
}
