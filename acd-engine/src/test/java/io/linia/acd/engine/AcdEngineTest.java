package io.linia.acd.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's rules, one scenario each (ACD-3..7, ACD-9, ACD-10). */
class AcdEngineTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    final List<Command> commands = new ArrayList<>();
    final List<AcdEvent> events = new ArrayList<>();
    final AcdEngine engine = new AcdEngine(new AcdListener() {
        @Override
        public void command(Command command) {
            commands.add(command);
        }

        @Override
        public void event(AcdEvent event) {
            events.add(event);
        }
    }, 42);

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    void agents(String queue, String... ids) {
        for (String id : ids) {
            engine.defineAgent(id, Map.of(), at(0));
            engine.join(id, queue, at(0));
        }
    }

    /** The agent the call rings at now (the last RingAgent for it). */
    String ringingAt(String callId) {
        for (int i = commands.size() - 1; i >= 0; i--) {
            if (commands.get(i) instanceof Command.RingAgent r && r.callId().equals(callId)) {
                return r.agentId();
            }
        }
        return null;
    }

    <T extends AcdEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void longestIdleAgentGetsTheCallAndTheCallIsCompletedByTheCaller() {
        engine.configureQueue(QueueConfig.of("q", Strategy.LONGEST_IDLE), at(0));
        engine.defineAgent("a", Map.of(), at(0));
        engine.defineAgent("b", Map.of(), at(0));
        engine.join("b", "q", at(1));
        engine.join("a", "q", at(2));
        engine.callArrived("c1", "q", 0, at(10));
        assertThat(ringingAt("c1")).isEqualTo("b");
        assertThat(engine.agentState("b")).isEqualTo(AgentState.RINGING);

        engine.agentAnswered("b", "c1", at(14));
        engine.callerHungUp("c1", at(74));
        AcdEvent.CallConnected connected = eventsOf(AcdEvent.CallConnected.class).get(0);
        assertThat(connected.waited()).isEqualTo(Duration.ofSeconds(4));
        AcdEvent.CallCompleted done = eventsOf(AcdEvent.CallCompleted.class).get(0);
        assertThat(done.endedBy()).isEqualTo(EndedBy.CALLER);
        assertThat(done.talk()).isEqualTo(Duration.ofSeconds(60));
        assertThat(engine.agentState("b")).isEqualTo(AgentState.FREE);
        assertThat(engine.answeredBy("b", "q")).isEqualTo(1);
        // b is now the most recently idle: the next call goes to a
        engine.callArrived("c2", "q", 0, at(80));
        assertThat(ringingAt("c2")).isEqualTo("a");
    }

    @Test
    void roundRobinWalksTheMembersInJoiningOrder() {
        engine.configureQueue(QueueConfig.of("q", Strategy.ROUND_ROBIN), at(0));
        agents("q", "a", "b", "c");
        List<String> offered = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String call = "c" + i;
            engine.callArrived(call, "q", 0, at(10 + i * 10));
            String agent = ringingAt(call);
            offered.add(agent);
            engine.agentAnswered(agent, call, at(11 + i * 10));
            engine.agentHungUp(agent, call, at(12 + i * 10));
        }
        assertThat(offered).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void fewestCallsPrefersTheAgentWhoAnsweredLeastInThisQueue() {
        engine.configureQueue(QueueConfig.of("q", Strategy.FEWEST_CALLS), at(0));
        agents("q", "a", "b");
        engine.callArrived("c1", "q", 0, at(1));
        String first = ringingAt("c1");
        engine.agentAnswered(first, "c1", at(2));
        engine.agentHungUp(first, "c1", at(3));
        engine.callArrived("c2", "q", 0, at(4));
        assertThat(ringingAt("c2")).isNotEqualTo(first);
    }

    @Test
    void skillsBasedRoutingTakesOnlyQualifiedAgentsBestLevelFirst() {
        engine.configureQueue(QueueConfig.of("en", Strategy.SKILLS_BASED).withRequiredSkills(Map.of("english", 5)), at(0));
        engine.defineAgent("novice", Map.of("english", 3), at(0));
        engine.defineAgent("good", Map.of("english", 6), at(0));
        engine.defineAgent("best", Map.of("english", 9), at(0));
        engine.join("novice", "en", at(0));
        engine.join("good", "en", at(0));
        engine.join("best", "en", at(0));
        engine.callArrived("c1", "en", 0, at(1));
        assertThat(ringingAt("c1")).isEqualTo("best");
        engine.callArrived("c2", "en", 0, at(2));
        assertThat(ringingAt("c2")).isEqualTo("good");
        engine.callArrived("c3", "en", 0, at(3));
        assertThat(ringingAt("c3")).isNull();
        assertThat(engine.agentState("novice")).isEqualTo(AgentState.FREE);

        // a live skill change qualifies the novice, who takes the waiting call at once (ACD-9)
        engine.defineAgent("novice", Map.of("english", 5), at(4));
        assertThat(ringingAt("c3")).isEqualTo("novice");
    }

    @Test
    void ringAllRingsEveryFreeAgentAndTheFirstAnswerWins() {
        engine.configureQueue(QueueConfig.of("q", Strategy.RING_ALL), at(0));
        agents("q", "a", "b", "c");
        engine.callArrived("c1", "q", 0, at(1));
        assertThat(commands).filteredOn(Command.RingAgent.class::isInstance).hasSize(3);
        engine.agentAnswered("b", "c1", at(3));
        assertThat(commands).filteredOn(Command.StopRinging.class::isInstance)
                .extracting(Command::callId).hasSize(2);
        assertThat(engine.agentState("a")).isEqualTo(AgentState.FREE);
        assertThat(engine.agentState("b")).isEqualTo(AgentState.TALKING);
        assertThatThrownBy(() -> engine.agentAnswered("a", "c1", at(4)))
                .isInstanceOf(AcdException.class).extracting("code").isEqualTo("not_ringing");
    }

    @Test
    void randomChoiceRepeatsForTheSameSeed() {
        List<String> first = randomRun();
        assertThat(randomRun()).isEqualTo(first);
        assertThat(first).containsAnyOf("a", "b", "c");
    }

    private static List<String> randomRun() {
        List<String> rung = new ArrayList<>();
        AcdEngine e = new AcdEngine(new AcdListener() {
            @Override
            public void command(Command command) {
                if (command instanceof Command.RingAgent r) {
                    rung.add(r.agentId());
                }
            }

            @Override
            public void event(AcdEvent event) {
            }
        }, 7);
        e.configureQueue(QueueConfig.of("q", Strategy.RANDOM), at(0));
        for (String id : List.of("a", "b", "c")) {
            e.defineAgent(id, Map.of(), at(0));
            e.join(id, "q", at(0));
        }
        for (int i = 0; i < 10; i++) {
            e.callArrived("c" + i, "q", 0, at(1 + i * 3));
            String agent = rung.get(rung.size() - 1);
            e.agentAnswered(agent, "c" + i, at(2 + i * 3));
            e.agentHungUp(agent, "c" + i, at(3 + i * 3));
        }
        return rung;
    }

    @Test
    void vipCallsJumpTheLineAndHigherPriorityQueuesAreServedFirst() {
        engine.configureQueue(QueueConfig.of("low", Strategy.LONGEST_IDLE), at(0));
        engine.configureQueue(QueueConfig.of("high", Strategy.LONGEST_IDLE).withPriority(10), at(0));
        engine.defineAgent("a", Map.of(), at(0));
        engine.join("a", "low", at(0));
        engine.join("a", "high", at(0));
        engine.callArrived("busy", "low", 0, at(1));
        engine.agentAnswered("a", "busy", at(2));
        engine.callArrived("plain", "low", 0, at(3));
        engine.callArrived("vip", "low", 5, at(4));
        engine.callArrived("urgent", "high", 0, at(5));
        assertThat(engine.waiting("low")).containsExactly("vip", "plain");
        assertThat(eventsOf(AcdEvent.CallQueued.class)).filteredOn(q -> q.callId().equals("vip"))
                .extracting(AcdEvent.CallQueued::position).containsExactly(1);

        engine.agentHungUp("a", "busy", at(10));
        assertThat(ringingAt("urgent")).isEqualTo("a");
    }

    @Test
    void ringNoAnswerPausesTheAgentCountsAMissAndOffersTheNextAgent() {
        engine.configureQueue(QueueConfig.of("q", Strategy.LONGEST_IDLE).withRing(Duration.ofSeconds(15), true), at(0));
        agents("q", "a", "b");
        engine.callArrived("c1", "q", 0, at(10));
        String first = ringingAt("c1");
        assertThat(engine.nextDeadline()).contains(at(25));
        engine.advanceTo(at(26));
        AcdEvent.RingNoAnswer missed = eventsOf(AcdEvent.RingNoAnswer.class).get(0);
        assertThat(missed.agentId()).isEqualTo(first);
        assertThat(missed.at()).isEqualTo(at(25));
        assertThat(engine.agentState(first)).isEqualTo(AgentState.PAUSED);
        assertThat(eventsOf(AcdEvent.AgentStateChanged.class)).last()
                .satisfies(s -> assertThat(s.reason()).isNull());
        String second = ringingAt("c1");
        assertThat(second).isNotEqualTo(first);
        engine.agentAnswered(second, "c1", at(27));
        assertThat(eventsOf(AcdEvent.CallConnected.class).get(0).waited()).isEqualTo(Duration.ofSeconds(17));
    }

    @Test
    void afterTheMaximumWaitTheCallOverflowsIntoAnotherQueueAndKeepsItsTotalWait() {
        engine.configureQueue(QueueConfig.of("backup", Strategy.LONGEST_IDLE), at(0));
        engine.configureQueue(QueueConfig.of("main", Strategy.LONGEST_IDLE)
                .withMaxWait(Duration.ofSeconds(60), Overflow.toQueue("backup")), at(0));
        engine.defineAgent("x", Map.of(), at(0));
        engine.join("x", "backup", at(0));
        engine.callArrived("c1", "main", 0, at(0));
        engine.advanceTo(at(60));
        assertThat(eventsOf(AcdEvent.CallTimedOut.class)).hasSize(1);
        assertThat(eventsOf(AcdEvent.CallOverflowed.class).get(0).reason()).isEqualTo("timeout");
        assertThat(ringingAt("c1")).isEqualTo("x");
        engine.agentAnswered("x", "c1", at(65));
        AcdEvent.CallConnected c = eventsOf(AcdEvent.CallConnected.class).get(0);
        assertThat(c.queueId()).isEqualTo("backup");
        assertThat(c.waited()).isEqualTo(Duration.ofSeconds(65));
    }

    @Test
    void aFullQueueOrAQueueWithoutAgentsSendsCallsToTheirOverflow() {
        engine.configureQueue(QueueConfig.of("q", Strategy.LONGEST_IDLE)
                .withLimits(1, true, Overflow.message("closed")), at(0));
        engine.callArrived("c1", "q", 0, at(1));
        assertThat(commands).containsExactly(new Command.PlayMessageAndRelease("c1", "closed"));
        assertThat(engine.hasCall("c1")).isFalse();

        engine.defineAgent("a", Map.of(), at(2));
        engine.join("a", "q", at(2));
        engine.pause("a", "lunch", at(3));
        engine.callArrived("c2", "q", 0, at(4));
        engine.callArrived("c3", "q", 0, at(5));
        assertThat(engine.waiting("q")).containsExactly("c2");
        assertThat(eventsOf(AcdEvent.CallOverflowed.class)).extracting(AcdEvent.CallOverflowed::reason)
                .containsExactly("no_agents", "queue_full");
    }

    @Test
    void aCallbackKeepsThePlaceInLineAndCallsTheCallerBackWhenAnAgentIsFree() {
        engine.configureQueue(QueueConfig.of("q", Strategy.LONGEST_IDLE), at(0));
        agents("q", "a");
        engine.callArrived("busy", "q", 0, at(0));
        engine.agentAnswered("a", "busy", at(1));
        engine.callArrived("c1", "q", 0, at(2));
        engine.callArrived("c2", "q", 0, at(3));
        engine.requestCallback("c1", at(10));
        assertThat(commands).contains(new Command.ReleaseForCallback("c1", "q"));
        assertThat(engine.waiting("q")).containsExactly("c1", "c2");

        engine.agentHungUp("a", "busy", at(100));
        assertThat(commands).last().isEqualTo(new Command.CallBack("c1", "a", "q"));
        engine.agentAnswered("a", "c1", at(110));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.TALKING);
    }

    @Test
    void abandonsCarryPositionAndWaitAndWrapUpHoldsTheAgentBack() {
        engine.configureQueue(QueueConfig.of("q", Strategy.LONGEST_IDLE).withWrapUp(Duration.ofSeconds(30)), at(0));
        agents("q", "a");
        engine.callArrived("c1", "q", 0, at(0));
        engine.agentAnswered("a", "c1", at(1));
        engine.callArrived("c2", "q", 0, at(2));
        engine.callArrived("c3", "q", 0, at(3));
        engine.callerHungUp("c3", at(40));
        AcdEvent.CallAbandoned ab = eventsOf(AcdEvent.CallAbandoned.class).get(0);
        assertThat(ab.position()).isEqualTo(2);
        assertThat(ab.waited()).isEqualTo(Duration.ofSeconds(37));

        engine.hold("a", "c1", at(50));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.HOLD);
        engine.resume("a", "c1", at(60));
        engine.agentHungUp("a", "c1", at(70));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.WRAP_UP);
        engine.advanceTo(at(99));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.WRAP_UP);
        engine.advanceTo(at(100));
        assertThat(ringingAt("c2")).isEqualTo("a");
    }

    @Test
    void aTransferMovesTheCallToAnotherQueue() {
        engine.configureQueue(QueueConfig.of("sales", Strategy.LONGEST_IDLE), at(0));
        engine.configureQueue(QueueConfig.of("support", Strategy.LONGEST_IDLE), at(0));
        agents("sales", "s");
        agents("support", "t");
        engine.callArrived("c1", "sales", 0, at(0));
        engine.agentAnswered("s", "c1", at(1));
        engine.transferToQueue("s", "c1", "support", at(30));
        assertThat(eventsOf(AcdEvent.CallTransferred.class)).hasSize(1);
        assertThat(ringingAt("c1")).isEqualTo("t");
        assertThat(engine.agentState("s")).isEqualTo(AgentState.FREE);
    }

    @Test
    void invalidInputsAreRefusedAndChangeNothing() {
        engine.configureQueue(QueueConfig.of("q", Strategy.LONGEST_IDLE), at(0));
        agents("q", "a");
        assertThatThrownBy(() -> engine.callArrived("c", "nope", 0, at(1)))
                .isInstanceOf(AcdException.class).extracting("code").isEqualTo("unknown_queue");
        assertThatThrownBy(() -> engine.agentAnswered("a", "ghost", at(1)))
                .isInstanceOf(AcdException.class).extracting("code").isEqualTo("unknown_call");
        engine.logout("a", at(2));
        assertThatThrownBy(() -> engine.pause("a", "lunch", at(3)))
                .isInstanceOf(AcdException.class).extracting("code").isEqualTo("invalid_state");
        assertThatThrownBy(() -> engine.advanceTo(at(1)))
                .isInstanceOf(AcdException.class).extracting("code").isEqualTo("time_went_back");
        assertThatThrownBy(() -> QueueConfig.of("q", Strategy.LONGEST_IDLE).withWrapUp(Duration.ofSeconds(-1)))
                .isInstanceOf(AcdException.class).extracting("field").isEqualTo("wrapUp");
        assertThatThrownBy(() -> engine.configureQueue(QueueConfig.of("x", Strategy.LONGEST_IDLE)
                .withMaxWait(Duration.ofSeconds(5), Overflow.toQueue("missing")), at(4)))
                .isInstanceOf(AcdException.class).extracting("code").isEqualTo("unknown_queue");
        engine.callArrived("c1", "q", 0, at(5));
        assertThatThrownBy(() -> engine.callArrived("c1", "q", 0, at(6)))
                .isInstanceOf(AcdException.class).extracting("code").isEqualTo("duplicate_call");
        assertThat(engine.waiting("q")).containsExactly("c1");
    }

    @Test
    void aLiveStrategyChangeKeepsWaitingCallsInOrder() {
        engine.configureQueue(QueueConfig.of("q", Strategy.LONGEST_IDLE), at(0));
        agents("q", "a");
        engine.callArrived("busy", "q", 0, at(0));
        engine.agentAnswered("a", "busy", at(1));
        engine.callArrived("c1", "q", 0, at(2));
        engine.callArrived("c2", "q", 0, at(3));
        engine.configureQueue(QueueConfig.of("q", Strategy.ROUND_ROBIN).withWrapUp(Duration.ofSeconds(5)), at(4));
        assertThat(engine.waiting("q")).containsExactly("c1", "c2");
        engine.agentHungUp("a", "busy", at(5));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.WRAP_UP);
        engine.advanceTo(at(10));
        assertThat(ringingAt("c1")).isEqualTo("a");
    }
}
