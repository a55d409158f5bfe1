package io.linia.acd.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a waiting caller hears (ACD-1): the queue's music-on-hold class and the announcements of
 * place in line and expected wait, on the engine's own timers (virtual time).
 */
class WaitingCallerTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    final List<Command> commands = new ArrayList<>();
    final AcdEngine engine = new AcdEngine(new AcdListener() {
        @Override
        public void command(Command command) {
            commands.add(command);
        }

        @Override
        public void event(AcdEvent event) {
        }
    }, 7);

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    List<Command.Announce> announcements(String callId) {
        return commands.stream().filter(c -> c instanceof Command.Announce a && a.callId().equals(callId))
                .map(Command.Announce.class::cast).toList();
    }

    QueueConfig announcing(boolean position, boolean wait) {
        return QueueConfig.of("q", Strategy.LONGEST_IDLE)
                .withWaiting(new QueueConfig.Waiting("support-moh", position, wait, Duration.ofSeconds(30)));
    }

    @Test
    void theMusicClassIsTheQueuesAndFollowsTheCallIntoAnOverflowQueue() {
        engine.configureQueue(QueueConfig.of("other", Strategy.LONGEST_IDLE)
                .withWaiting(new QueueConfig.Waiting("jazz", false, false, null)), at(0));
        engine.configureQueue(announcing(false, false).withMaxWait(Duration.ofSeconds(10), Overflow.toQueue("other")), at(0));
        engine.callArrived("c1", "q", 0, at(1));
        assertThat(engine.mohClass("c1")).contains("support-moh");
        engine.advanceTo(at(20));
        assertThat(engine.mohClass("c1")).contains("jazz");
        assertThat(engine.mohClass("nope")).isEmpty();
        assertThat(QueueConfig.of("x", Strategy.RANDOM).waiting().mohClass()).isEqualTo("default");
    }

    @Test
    void badWaitingSettingsAreRefusedWithTheirField() {
        assertThatThrownBy(() -> new QueueConfig.Waiting("no spaces", false, false, null))
                .isInstanceOfSatisfying(AcdException.class, e -> assertThat(e.field()).isEqualTo("mohClass"));
        assertThatThrownBy(() -> new QueueConfig.Waiting("ok", true, false, Duration.ofSeconds(14)))
                .isInstanceOfSatisfying(AcdException.class, e -> assertThat(e.field()).isEqualTo("announceEverySeconds"));
        assertThatThrownBy(() -> new QueueConfig.Waiting("ok", true, false, Duration.ofSeconds(601)))
                .isInstanceOfSatisfying(AcdException.class, e -> assertThat(e.field()).isEqualTo("announceEverySeconds"));
    }

    @Test
    void positionsAreAnnouncedEveryIntervalAndMoveUpAsCallersAheadLeave() {
        engine.configureQueue(announcing(true, false), at(0));
        engine.callArrived("c1", "q", 0, at(0));
        engine.callArrived("c2", "q", 0, at(5));
        engine.callArrived("c3", "q", 0, at(10));
        engine.advanceTo(at(29));
        assertThat(announcements("c1")).isEmpty();
        engine.advanceTo(at(30));
        assertThat(announcements("c1")).containsExactly(new Command.Announce("c1", "q", 1, null));
        engine.advanceTo(at(40));
        assertThat(announcements("c3")).containsExactly(new Command.Announce("c3", "q", 3, null));

        engine.callerHungUp("c1", at(50)); // the first in line gives up
        engine.advanceTo(at(70));
        assertThat(announcements("c3")).extracting(Command.Announce::position).containsExactly(3, 2);
        assertThat(announcements("c2")).extracting(Command.Announce::position).containsExactly(2, 1);
        assertThat(announcements("c1")).hasSize(1); // nothing after the caller left
    }

    @Test
    void theExpectedWaitComesFromTheAverageHandleTimeAndTheAgentsServing() {
        engine.configureQueue(announcing(true, true), at(0));
        engine.defineAgent("a", Map.of(), at(0));
        engine.defineAgent("b", Map.of(), at(0));
        engine.join("a", "q", at(0));
        // before any call was handled the wait is not known: only the position is said
        engine.callArrived("x", "q", 0, at(0));
        engine.agentAnswered("a", "x", at(1));
        engine.callArrived("c1", "q", 0, at(2));
        engine.advanceTo(at(32));
        assertThat(announcements("c1")).containsExactly(new Command.Announce("c1", "q", 1, null));
        engine.callerHungUp("x", at(181)); // 180 s handled: the average is 3 min; c1 rings at a now
        engine.agentAnswered("a", "c1", at(182));
        engine.join("b", "q", at(183));
        engine.pause("b", "lunch", at(183));
        engine.callArrived("c2", "q", 0, at(190));
        engine.callArrived("c3", "q", 0, at(191));
        engine.advanceTo(at(221));
        // one agent serves (b is paused): c3 is second, 2 × 180 s ÷ 1 = 6 min
        assertThat(announcements("c3")).containsExactly(new Command.Announce("c3", "q", 2, 6));
        assertThat(announcements("c2")).containsExactly(new Command.Announce("c2", "q", 1, 3));
        engine.ready("b", at(245)); // b is free: c2 rings there
        engine.advanceTo(at(251));
        // two serve now, and c2, ringing at b, is still ahead in line: 2 × 180 s ÷ 2 = 3 min
        assertThat(announcements("c3")).last().isEqualTo(new Command.Announce("c3", "q", 2, 3));
        assertThat(announcements("c2")).hasSize(1); // at 250 it rang at b: no announcement over the phone
        engine.agentAnswered("b", "c2", at(255));
        engine.callerHungUp("c2", at(315)); // 60 s: the average moves a quarter of the way, (3 × 180 + 60) / 4 = 150 s
        engine.agentAnswered("b", "c3", at(316)); // b took c3 at once
        engine.callArrived("c4", "q", 0, at(317));
        engine.advanceTo(at(347));
        // 1 × 150 s ÷ 2 = 75 s → 2 min (rounded up)
        assertThat(announcements("c4")).containsExactly(new Command.Announce("c4", "q", 1, 2));
    }

    @Test
    void nothingIsAnnouncedAfterTheCallIsBridgedAndAnnouncementsCanBeSwitchedOnLive() {
        engine.configureQueue(QueueConfig.of("q", Strategy.LONGEST_IDLE), at(0));
        engine.callArrived("c1", "q", 0, at(0));
        engine.advanceTo(at(100));
        assertThat(announcements("c1")).isEmpty(); // the queue announces nothing
        engine.configureQueue(announcing(true, false), at(100));
        engine.advanceTo(at(130));
        assertThat(announcements("c1")).hasSize(1);
        engine.defineAgent("a", Map.of(), at(131));
        engine.join("a", "q", at(131));
        engine.agentAnswered("a", "c1", at(135));
        engine.advanceTo(at(600));
        assertThat(announcements("c1")).hasSize(1);
        // switched off again: a waiting caller hears no more
        engine.callArrived("c2", "q", 0, at(600));
        engine.advanceTo(at(630));
        assertThat(announcements("c2")).hasSize(1);
        engine.configureQueue(QueueConfig.of("q", Strategy.LONGEST_IDLE), at(631));
        engine.advanceTo(at(900));
        assertThat(announcements("c2")).hasSize(1);
        assertThat(engine.nextDeadline()).isEmpty();
    }
}
