package io.linia.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.acd.CallHistory;
import io.linia.asterisk.queuelog.QueueLogAssembler;
import io.linia.asterisk.queuelog.QueueLogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * TEL-3 after a gap: what QueueStatus answers on a new connection brings the follow's members,
 * pauses and waiting callers up to date. The members' answer is the one a real Asterisk 22 gave
 * in fixtures/asterisk/06-pause; QueueEntry is in no capture, so it is written with the fields of
 * Asterisk's documentation of the event (Queue, Position, Channel, Uniqueid, CallerIDNum, Wait).
 */
class AmiResyncTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    /** The events of 06-pause up to (and with) the member's pause with reason "Break". */
    static List<AmiMessage> untilPaused() throws Exception {
        List<AmiMessage> out = new ArrayList<>();
        for (AmiMessage m : AmiQueueEventsTest.events(AmiTranscript.load("06-pause", "ami-raw.txt"))) {
            if (m.get("ActionID") != null) {
                continue; // answers to actions (the QueueStatus list among them) are no events
            }
            out.add(m);
            if ("QueueMemberPause".equals(m.event()) && "1".equals(m.get("Paused"))) {
                return out;
            }
        }
        throw new AssertionError("06-pause has no pause");
    }

    /** The capture's answer to QueueStatus: QueueParams, the member (not paused), QueueStatusComplete. */
    static List<AmiMessage> queueStatus() throws Exception {
        List<AmiMessage> out = new ArrayList<>();
        for (AmiMessage m : AmiQueueEventsTest.events(AmiTranscript.load("06-pause", "ami-raw.txt"))) {
            if ("qs-1".equals(m.get("ActionID"))) {
                out.add(m);
            }
        }
        assertThat(out).extracting(AmiMessage::event).containsExactly("QueueParams", "QueueMember", "QueueStatusComplete");
        return out;
    }

    static AmiMessage entry(String uniqueid, String queue, String position, String wait) {
        return AmiMessage.of(List.of(Map.entry("Event", "QueueEntry"), Map.entry("Queue", queue),
                Map.entry("Position", position), Map.entry("Channel", "PJSIP/trunk-00000042"),
                Map.entry("Uniqueid", uniqueid), Map.entry("CallerIDNum", "74951234567"),
                Map.entry("CallerIDName", "<unknown>"), Map.entry("ConnectedLineNum", "<unknown>"),
                Map.entry("ConnectedLineName", "<unknown>"), Map.entry("Wait", wait), Map.entry("Priority", "0")));
    }

    QueueLogAssembler assembler = new QueueLogAssembler(AmiQueueEventsTest.NAMES, 0, Map.of());
    AmiQueueEvents translator = new AmiQueueEvents();

    void follow(List<AmiMessage> events) {
        for (AmiMessage m : events) {
            translator.translate(m, NOW).forEach(assembler::accept);
        }
    }

    List<String> resync(List<AmiMessage> status, Set<String> touched) {
        return resync(status, touched, NOW);
    }

    List<String> resync(List<AmiMessage> status, Set<String> touched, Instant at) {
        List<QueueLogLine> lines = translator.resync(status, assembler.memberships(), assembler::holds, touched, at);
        lines.forEach(assembler::accept);
        return lines.stream().map(l -> l.verb() + " " + l.queue() + " " + l.agent()
                + (l.data().length == 0 || l.data()[0].isEmpty() ? "" : " " + l.data()[0])).toList();
    }

    @Test
    void aPauseEndedDuringTheGapIsEnded() throws Exception {
        follow(untilPaused());
        assertThat(assembler.memberships().get("Agent 1006"))
                .isEqualTo(new QueueLogAssembler.Membership(Set.of("support"), true, "Break"));

        assertThat(resync(queueStatus(), Set.of())).containsExactly("UNPAUSE support Agent 1006");
        assertThat(assembler.memberships().get("Agent 1006"))
                .isEqualTo(new QueueLogAssembler.Membership(Set.of("support"), false, null));
        // read again: nothing left to change
        assertThat(resync(queueStatus(), Set.of())).isEmpty();
    }

    @Test
    void anAgentWithEventsWhileTheAnswerWasOnItsWayKeepsWhatTheEventsSaid() throws Exception {
        follow(untilPaused());
        assertThat(resync(queueStatus(), Set.of("Agent 1006"))).isEmpty();
        assertThat(assembler.memberships().get("Agent 1006").paused()).isTrue();
    }

    @Test
    void membersLoggedInBeforeTheConnectionAreAddedAndGoneOnesRemoved() throws Exception {
        assertThat(resync(queueStatus(), Set.of())).containsExactly("ADDMEMBER support Agent 1006");
        assertThat(assembler.memberships().get("Agent 1006").queues()).containsExactly("support");

        // Asterisk no longer lists the member (removed while the connection was down)
        List<AmiMessage> empty = queueStatus().stream().filter(m -> !"QueueMember".equals(m.event())).toList();
        List<CallHistory.StateInterval> intervals = new ArrayList<>();
        assertThat(resync(empty, Set.of(), NOW.plusSeconds(60))).containsExactly("REMOVEMEMBER support Agent 1006");
        assembler.flush(null, true);
        intervals.addAll(assembler.drainIntervals());
        assertThat(intervals).extracting(CallHistory.StateInterval::state, CallHistory.StateInterval::startedAt,
                CallHistory.StateInterval::endedAt).containsExactly(org.assertj.core.groups.Tuple.tuple("FREE", NOW,
                NOW.plusSeconds(60)));
        assertThat(assembler.memberships().get("Agent 1006").queues()).isEmpty();
    }

    @Test
    void aPausedMemberAsteriskListsIsPausedWithItsReason() throws Exception {
        List<AmiMessage> status = queueStatus().stream().map(m -> "QueueMember".equals(m.event())
                ? m.with("Paused", "1").with("PausedReason", "Lunch") : m).toList();
        assertThat(resync(status, Set.of())).containsExactly("ADDMEMBER support Agent 1006", "PAUSE support Agent 1006 Lunch");
        assertThat(assembler.memberships().get("Agent 1006"))
                .isEqualTo(new QueueLogAssembler.Membership(Set.of("support"), true, "Lunch"));
    }

    @Test
    void aCallerWaitingSinceTheGapIsEnteredWhenItJoinedAndItsAbandonMakesAWholeCall() throws Exception {
        List<AmiMessage> status = new ArrayList<>(queueStatus());
        status.add(1, entry("1795332500.12", "support", "1", "12"));
        assertThat(resync(status, Set.of())).containsExactly("ENTERQUEUE support NONE", "ADDMEMBER support Agent 1006");
        assertThat(assembler.holds("1795332500.12")).isTrue();
        // read again (another reconnect): the call is not entered twice
        assertThat(resync(status, Set.of())).isEmpty();

        // the caller hangs up 3 s later: Asterisk's abandon event, with its own hold time
        AmiMessage abandon = AmiMessage.of(List.of(Map.entry("Event", "QueueCallerAbandon"),
                Map.entry("Uniqueid", "1795332500.12"), Map.entry("Queue", "support"), Map.entry("Position", "1"),
                Map.entry("OriginalPosition", "1"), Map.entry("HoldTime", "15")));
        translator.translate(abandon, NOW.plusSeconds(3)).forEach(assembler::accept);
        assembler.flush(null, true);
        List<CallHistory.Call> calls = assembler.drainCalls();
        assertThat(calls).hasSize(1);
        CallHistory.Call call = calls.get(0);
        assertThat(call.caller()).isEqualTo("74951234567");
        assertThat(call.arrivedAt()).isEqualTo(NOW.minusSeconds(12));
        assertThat(call.outcome()).isEqualTo("abandoned");
        assertThat(call.legs().get(0).waitMs()).isEqualTo(15_000);
    }

    @Test
    void aCallAlreadyFollowedOrWithNewerEventsIsNotEnteredAgain() throws Exception {
        List<AmiMessage> status = new ArrayList<>(queueStatus());
        status.add(1, entry("1795332500.12", "support", "1", "12"));
        assertThat(resync(status, Set.of("1795332500.12"))).containsExactly("ADDMEMBER support Agent 1006");
        assertThat(assembler.holds("1795332500.12")).isFalse();
    }
}
