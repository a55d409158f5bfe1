package io.linia.acd.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's own call control (WS-3, TEL-1): blind and attended transfers, outbound calls. */
class AgentCallsTest {

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
    }, 7);

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    <T> List<T> of(List<?> list, Class<T> type) {
        return list.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Queue q (ring 15 s, wrap-up 10 s) with agents a and b; call c1 is connected to a. */
    @BeforeEach
    void aOnACall() {
        engine.configureQueue(QueueConfig.of("q", Strategy.LONGEST_IDLE).withRing(Duration.ofSeconds(15), false)
                .withWrapUp(Duration.ofSeconds(10)), at(0));
        engine.configureQueue(QueueConfig.of("other", Strategy.LONGEST_IDLE), at(0));
        for (String id : List.of("a", "b")) {
            engine.defineAgent(id, Map.of(), at(0));
        }
        engine.join("a", "q", at(0));
        engine.callArrived("c1", "q", 0, at(1));
        engine.agentAnswered("a", "c1", at(2));
        engine.join("b", "q", at(3));
        commands.clear();
        events.clear();
    }

    @Test
    void blindTransferToAFreeAgentRingsThemAndTheTransferrerWrapsUp() {
        engine.transferToAgent("a", "c1", "b", at(10));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.WRAP_UP);
        assertThat(engine.agentState("b")).isEqualTo(AgentState.RINGING);
        AcdEvent.CallTransferred t = of(events, AcdEvent.CallTransferred.class).get(0);
        assertThat(t.toKind()).isEqualTo("agent");
        assertThat(t.target()).isEqualTo("b");
        assertThat(of(commands, Command.RingAgent.class)).containsExactly(new Command.RingAgent("c1", "b", "q"));
        engine.agentAnswered("b", "c1", at(14));
        assertThat(engine.agentState("b")).isEqualTo(AgentState.TALKING);
        engine.agentHungUp("b", "c1", at(20));
        assertThat(of(events, AcdEvent.CallCompleted.class).get(0).agentId()).isEqualTo("b");
    }

    @Test
    void anUnansweredTransferGoesBackToTheQueueAtTheHead() {
        engine.pause("b", "lunch", at(4));
        engine.callArrived("c8", "q", 0, at(5)); // waits: a talks, b is paused
        engine.defineAgent("x", Map.of(), at(6));
        engine.join("x", "other", at(6)); // free, in another queue
        engine.transferToAgent("a", "c1", "x", at(10));
        assertThat(engine.agentState("x")).isEqualTo(AgentState.RINGING);
        engine.advanceTo(at(25)); // x let it ring for q's 15 s
        assertThat(engine.agentState("x")).isEqualTo(AgentState.FREE);
        assertThat(of(events, AcdEvent.RingNoAnswer.class).get(0).agentId()).isEqualTo("x");
        // c1 is back in q before c8, which arrived earlier
        assertThat(engine.waiting("q")).containsExactly("c1", "c8");
        List<AcdEvent.CallQueued> queued = of(events, AcdEvent.CallQueued.class);
        assertThat(queued.get(queued.size() - 1).callId()).isEqualTo("c1");
        assertThat(queued.get(queued.size() - 1).position()).isEqualTo(1);
        engine.ready("b", at(26));
        assertThat(engine.currentCall("b")).contains("c1");
    }

    @Test
    void transferToABusyAPausedOrAnUnknownAgentOrToYourselfIsRefusedAndChangesNothing() {
        engine.pause("b", "lunch", at(5));
        assertThatThrownBy(() -> engine.transferToAgent("a", "c1", "b", at(6)))
                .isInstanceOf(AcdException.class).extracting("code").isEqualTo("agent_unavailable");
        assertThatThrownBy(() -> engine.transferToAgent("a", "c1", "a", at(6)))
                .isInstanceOf(AcdException.class).extracting("code").isEqualTo("agent_unavailable");
        assertThatThrownBy(() -> engine.transferToAgent("a", "c1", "nobody", at(6)))
                .isInstanceOf(AcdException.class).extracting("code").isEqualTo("unknown_agent");
        assertThat(engine.agentState("a")).isEqualTo(AgentState.TALKING);
        assertThat(engine.currentCall("a")).contains("c1");
    }

    @Test
    void blindTransferToANumberSendsTheCallerOutAndTheCallLeavesTheAcd() {
        engine.transferToNumber("a", "c1", "+74951112233", at(10));
        assertThat(commands).contains(new Command.TransferOut("c1", "+74951112233"));
        assertThat(engine.hasCall("c1")).isFalse();
        assertThat(engine.agentState("a")).isEqualTo(AgentState.WRAP_UP);
        assertThatThrownBy(() -> engine.transferToNumber("b", "c1", "12", at(11))).isInstanceOf(AcdException.class)
                .extracting("code").isEqualTo("unknown_call");
        engine.callArrived("c2", "q", 0, at(12));
        engine.agentAnswered("b", "c2", at(13));
        assertThatThrownBy(() -> engine.transferToNumber("b", "c2", "12ab", at(14))).isInstanceOf(AcdException.class)
                .extracting("field").isEqualTo("number");
    }

    @Test
    void attendedTransferToAnAgentCompleted() {
        engine.consultAgent("a", "c1", "k1", "b", at(10));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.CONSULTING);
        assertThat(engine.consultCall("a")).contains("k1");
        assertThat(engine.agentState("b")).isEqualTo(AgentState.RINGING);
        assertThat(commands).containsSubsequence(new Command.Hold("c1", true), new Command.PlaceInternal("k1", "a"),
                new Command.RingAgent("k1", "b", null));
        assertThatThrownBy(() -> engine.completeConsult("a", "c1", at(11)))
                .isInstanceOf(AcdException.class).extracting("code").isEqualTo("consult_not_connected");
        assertThatThrownBy(() -> engine.resume("a", "c1", at(11))).isInstanceOf(AcdException.class);
        engine.agentAnswered("b", "k1", at(12));
        assertThat(engine.agentState("b")).isEqualTo(AgentState.TALKING);
        engine.completeConsult("a", "c1", at(20));
        assertThat(commands).contains(new Command.Connect("c1", "k1"));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.WRAP_UP);
        assertThat(engine.currentCall("b")).contains("c1");
        assertThat(engine.hasCall("k1")).isFalse();
        AcdEvent.ConsultEnded done = of(events, AcdEvent.ConsultEnded.class).get(0);
        assertThat(done.reason()).isEqualTo("complete");
        assertThat(done.toAgentId()).isEqualTo("b");
        engine.callerHungUp("c1", at(50));
        AcdEvent.CallCompleted c1 = of(events, AcdEvent.CallCompleted.class).stream()
                .filter(c -> c.callId().equals("c1")).findFirst().orElseThrow();
        assertThat(c1.agentId()).isEqualTo("b");
        assertThat(c1.talk()).isEqualTo(Duration.ofSeconds(48));
        assertThat(engine.agentState("b")).isEqualTo(AgentState.WRAP_UP);
    }

    @Test
    void cancelledConsultationLeavesTheCallerHeldUntilResumed() {
        engine.consultAgent("a", "c1", "k1", "b", at(10));
        engine.agentAnswered("b", "k1", at(12));
        engine.cancelConsult("a", "c1", at(15));
        assertThat(commands).contains(new Command.HangUp("k1"));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.HOLD);
        assertThat(engine.agentState("b")).isEqualTo(AgentState.FREE);
        assertThat(engine.consultCall("a")).isEmpty();
        assertThat(of(events, AcdEvent.ConsultEnded.class).get(0).reason()).isEqualTo("cancel");
        engine.resume("a", "c1", at(16));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.TALKING);
    }

    @Test
    void whenTheConsultedPartyHangsUpTheAgentIsBackWithTheHeldCaller() {
        engine.consultAgent("a", "c1", "k1", "b", at(10));
        engine.agentAnswered("b", "k1", at(12));
        engine.agentHungUp("b", "k1", at(30));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.HOLD);
        assertThat(engine.agentState("b")).isEqualTo(AgentState.FREE);
        assertThat(of(events, AcdEvent.ConsultEnded.class).get(0).reason()).isEqualTo("hangup");
        AcdEvent.CallCompleted leg = of(events, AcdEvent.CallCompleted.class).get(0);
        assertThat(leg.callId()).isEqualTo("k1");
        assertThat(leg.talk()).isEqualTo(Duration.ofSeconds(18));
    }

    @Test
    void anUnansweredConsultationEndsAfterTheRingTime() {
        engine.consultAgent("a", "c1", "k1", "b", at(10));
        engine.advanceTo(at(25));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.HOLD);
        assertThat(engine.agentState("b")).isEqualTo(AgentState.FREE);
        assertThat(of(events, AcdEvent.ConsultEnded.class).get(0).reason()).isEqualTo("no_answer");
        assertThat(of(events, AcdEvent.OutboundNotAnswered.class)).hasSize(1);
    }

    @Test
    void theCallerLeavingDuringAConsultationEndsTheLegToo() {
        engine.consultAgent("a", "c1", "k1", "b", at(10));
        engine.agentAnswered("b", "k1", at(12));
        engine.callerHungUp("c1", at(20));
        assertThat(commands).contains(new Command.HangUp("k1"));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.WRAP_UP);
        assertThat(engine.agentState("b")).isEqualTo(AgentState.FREE);
        assertThat(engine.hasCall("k1")).isFalse();
    }

    @Test
    void consultationWithAQueueIsOfferedByTheQueueAndCompletes() {
        engine.consultQueue("a", "c1", "k1", "q", at(10));
        assertThat(engine.agentState("b")).isEqualTo(AgentState.RINGING); // b is q's free member
        engine.agentAnswered("b", "k1", at(11));
        engine.completeConsult("a", "c1", at(15));
        assertThat(engine.currentCall("b")).contains("c1");
        assertThat(engine.answeredBy("b", "q")).isZero(); // a consultation is no queue call answered
    }

    @Test
    void consultationWithANumberCompletesOutOfTheAcd() {
        engine.consultNumber("a", "c1", "k1", "+74951112233", at(10));
        assertThat(commands).contains(new Command.Dial("k1", "a", "+74951112233"));
        assertThat(engine.dialing("k1")).isTrue();
        engine.farEndAnswered("k1", at(13));
        assertThat(engine.agentState("a")).isEqualTo(AgentState.CONSULTING);
        engine.completeConsult("a", "c1", at(20));
        assertThat(engine.hasCall("c1")).isFalse();
        assertThat(of(events, AcdEvent.ConsultEnded.class).get(0).toNumber()).isEqualTo("+74951112233");
        assertThat(engine.agentState("a")).isEqualTo(AgentState.WRAP_UP);
    }

    @Test
    void anOutboundCallDialsTalksAndWrapsUpAndTheDiallerIsOfferedNoCalls() {
        engine.dial("b", "o1", "+74951112233", at(10));
        assertThat(engine.agentState("b")).isEqualTo(AgentState.DIALING);
        assertThat(commands).contains(new Command.Dial("o1", "b", "+74951112233"));
        engine.callArrived("c2", "q", 0, at(11));
        assertThat(engine.waiting("q")).containsExactly("c2"); // b dials: not offered
        engine.farEndAnswered("o1", at(14));
        assertThat(engine.agentState("b")).isEqualTo(AgentState.TALKING);
        engine.agentHungUp("b", "o1", at(74));
        AcdEvent.CallCompleted done = of(events, AcdEvent.CallCompleted.class).get(0);
        assertThat(done.talk()).isEqualTo(Duration.ofSeconds(60));
        assertThat(done.queueId()).isNull();
        assertThat(engine.agentState("b")).isEqualTo(AgentState.WRAP_UP); // q's 10 s
        engine.advanceTo(at(84));
        assertThat(engine.agentState("b")).isEqualTo(AgentState.RINGING); // takes c2 after wrap-up
    }

    @Test
    void aPausedAgentDialsAndIsPausedAgainAfterwardsAndAnOfflineOneStaysOffline() {
        engine.pause("b", "lunch", at(5));
        engine.dial("b", "o1", "1234", at(10));
        engine.callerHungUp("o1", at(12)); // far end busy
        assertThat(of(events, AcdEvent.OutboundNotAnswered.class).get(0).endedBy()).isEqualTo(EndedBy.CALLER);
        assertThat(engine.agentState("b")).isEqualTo(AgentState.PAUSED);
        assertThat(of(events, AcdEvent.AgentStateChanged.class).get(of(events, AcdEvent.AgentStateChanged.class).size() - 1)
                .reason()).isEqualTo("lunch");

        engine.defineAgent("z", Map.of(), at(13));
        engine.dial("z", "o2", "1234", at(13));
        engine.farEndAnswered("o2", at(14));
        engine.callerHungUp("o2", at(20));
        assertThat(engine.agentState("z")).isEqualTo(AgentState.OFFLINE);
    }

    @Test
    void dialIsRefusedOnACallOrWithABadNumberOrASecondTime() {
        assertThatThrownBy(() -> engine.dial("a", "o1", "1234", at(10))).isInstanceOf(AcdException.class)
                .extracting("code").isEqualTo("agent_busy");
        assertThatThrownBy(() -> engine.dial("b", "o1", "12-34", at(10))).isInstanceOf(AcdException.class)
                .extracting("field").isEqualTo("number");
        assertThatThrownBy(() -> engine.dial("b", "c1", "1234", at(10))).isInstanceOf(AcdException.class)
                .extracting("code").isEqualTo("duplicate_call");
        engine.dial("b", "o1", "1234", at(10));
        assertThatThrownBy(() -> engine.dial("b", "o2", "1234", at(10))).isInstanceOf(AcdException.class)
                .extracting("code").isEqualTo("agent_busy");
        assertThatThrownBy(() -> engine.pause("b", "lunch", at(11))).isInstanceOf(AcdException.class);
        engine.agentHungUp("b", "o1", at(12)); // gave up before the answer
        assertThat(of(events, AcdEvent.OutboundNotAnswered.class).get(0).endedBy()).isEqualTo(EndedBy.AGENT);
        assertThat(engine.agentState("b")).isEqualTo(AgentState.FREE);
    }
}
