package io.linia.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SLA sweep's and the mail outbox's one planned wake-up (CASE-3, CASE-4). */
class WakeUpTest {

    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final VirtualScheduler scheduler = new VirtualScheduler(clock);
    private final List<Instant> woken = new ArrayList<>();
    private final WakeUp wakeUp = new WakeUp(scheduler, () -> woken.add(scheduler.now()));

    @Test
    void anEarlierInstantMovesTheWakeUpALaterOneChangesNothing() {
        wakeUp.by(T0.plusSeconds(60));
        wakeUp.by(T0.plusSeconds(20));
        wakeUp.by(T0.plusSeconds(40));
        scheduler.advance(Duration.ofSeconds(120));
        assertThat(woken).containsExactly(T0.plusSeconds(20));
    }

    @Test
    void afterItFiredTheNextRequestPlansAgainEvenIfLater() {
        wakeUp.by(T0.plusSeconds(10));
        scheduler.advance(Duration.ofSeconds(10));
        wakeUp.by(T0.plusSeconds(30));
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(woken).containsExactly(T0.plusSeconds(10), T0.plusSeconds(30));
    }

    @Test
    void theSameInstantTwiceWakesOnce() {
        wakeUp.by(T0.plusSeconds(5));
        wakeUp.by(T0.plusSeconds(5));
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(woken).hasSize(1);
    }
}
