package io.linia.audit.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** AUD-5: a retention shorter than a year is refused at start. */
class AuditRetentionSettingTest {

    @Test
    void lessThanAYearIsRefused() {
        assertThatThrownBy(() -> new AuditRetention(null, null, null, Clock.systemUTC(), Duration.ofDays(364)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 365 days");
    }
}
