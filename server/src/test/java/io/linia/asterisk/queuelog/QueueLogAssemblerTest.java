package io.linia.asterisk.queuelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.acd.CallHistory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The queue_log lines a real Asterisk 22 wrote (fixtures/asterisk, TEL-4) become the legs,
 * events and agent states the ACD would have stored for the same calls.
 */
class QueueLogAssemblerTest {

    static final UUID SUPPORT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final UUID OP_1001 = UUID.fromString("00000000-0000-0000-0000-000000001001");
    static final UUID OP_1005 = UUID.fromString("00000000-0000-0000-0000-000000001005");
    static final UUID OP_1006 = UUID.fromString("00000000-0000-0000-0000-000000001006");

    /** support is a queue; "Agent 100x" are operators 100x; the SIP agent matches nobody. */
    static final QueueLogAssembler.Names NAMES = new QueueLogAssembler.Names() {
        @Override
        public UUID queue(String name) {
            return name.equals("support") ? SUPPORT : null;
        }

        @Override
        public QueueLogAssembler.Agent agent(String name) {
            String n = QueueLogAssembler.number(name);
            return n == null ? null : new QueueLogAssembler.Agent(UUID.fromString(
                    "00000000-0000-0000-0000-00000000" + n), n);
        }
    };

    static String fixture(String scenario) throws IOException {
        try (InputStream in = QueueLogAssemblerTest.class.getResourceAsStream("/fixtures/asterisk/" + scenario + "/queue_log.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static QueueLogAssembler feed(String text) throws Exception {
        QueueLogAssembler a = new QueueLogAssembler(NAMES, 0, Map.of());
        try (LineReader r = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 0, 0, false)) {
            String line;
            while ((line = r.next()) != null) {
                a.accept(QueueLogLine.parse(line, r.lineNumber(), r.lineOffset()));
            }
        }
        a.flush(null, true);
        return a;
    }

    static CallHistory.Call only(QueueLogAssembler a) {
        List<CallHistory.Call> calls = a.drainCalls();
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    @Test
    void answeredCallEndedByTheAgent() throws Exception {
        CallHistory.Call c = only(feed(fixture("01-basic")));
        assertThat(c.id()).isEqualTo("1795332336.1");
        assertThat(c.caller()).isEqualTo("5551234");
        assertThat(c.outcome()).isEqualTo("answered");
        assertThat(c.endedBy()).isEqualTo("agent");
        CallHistory.Leg l = c.legs().get(0);
        assertThat(l.queueId()).isEqualTo(SUPPORT);
        assertThat(l.agentId()).isEqualTo(OP_1001);
        assertThat(l.agentNumber()).isEqualTo("1001");
        assertThat(l.enteredAt()).isEqualTo(Instant.ofEpochSecond(1795332336));
        assertThat(l.connectedAt()).isEqualTo(Instant.ofEpochSecond(1795332336));
        assertThat(l.endedAt()).isEqualTo(Instant.ofEpochSecond(1795332339));
        assertThat(l.waitMs()).isZero();
        assertThat(l.talkMs()).isEqualTo(3000);
        assertThat(l.outcome()).isEqualTo("answered");
        assertThat(l.endedBy()).isEqualTo("agent");
        assertThat(l.position()).isEqualTo(1);
        assertThat(c.events()).extracting(CallHistory.Event::type)
                .containsExactly("enter_queue", "connect", "complete_agent");
    }

    @Test
    void waitAndTalkComeFromAsteriskFields() throws Exception {
        CallHistory.Leg l = only(feed(fixture("02-hold-ring"))).legs().get(0);
        // CONNECT|6|…|2: held 6 s (the ring of 2 s included), then COMPLETEAGENT|6|4
        assertThat(l.waitMs()).isEqualTo(6000);
        assertThat(l.talkMs()).isEqualTo(4000);
        assertThat(l.connectedAt()).isEqualTo(Instant.ofEpochSecond(1795332397));
    }

    @Test
    void callerHangsUp() throws Exception {
        CallHistory.Call c = only(feed(fixture("03-caller-hangup")));
        assertThat(c.endedBy()).isEqualTo("caller");
        assertThat(c.legs().get(0).endedBy()).isEqualTo("caller");
        assertThat(c.legs().get(0).talkMs()).isEqualTo(5000);
    }

    @Test
    void abandonTakesTheWaitAsteriskWrote() throws Exception {
        CallHistory.Call c = only(feed(fixture("04-abandon")));
        assertThat(c.outcome()).isEqualTo("abandoned");
        CallHistory.Leg l = c.legs().get(0);
        assertThat(l.outcome()).isEqualTo("abandoned");
        assertThat(l.waitMs()).isEqualTo(4000);
        assertThat(l.agentId()).isNull();
        assertThat(l.talkMs()).isNull();
    }

    @Test
    void ringNoAnswerIsCountedAndTheCallerLeft() throws Exception {
        QueueLogAssembler a = feed(fixture("05-ring-no-answer"));
        CallHistory.Call c = only(a);
        CallHistory.Leg l = c.legs().get(0);
        assertThat(l.ringNoAnswer()).isEqualTo(1);
        assertThat(l.outcome()).isEqualTo("abandoned");
        assertThat(l.waitMs()).isEqualTo(14_000);
        assertThat(c.events()).extracting(CallHistory.Event::type).containsExactly("enter_queue", "ring_no_answer", "abandon");
        // the agent was logged in from ADDMEMBER to REMOVEMEMBER; the ring is not a talk
        assertThat(a.drainIntervals()).containsExactly(new CallHistory.StateInterval(OP_1005, "FREE", null,
                Instant.ofEpochSecond(1795332427), Instant.ofEpochSecond(1795332445)));
    }

    @Test
    void pauseWithReasonBecomesAgentStates() throws Exception {
        QueueLogAssembler a = feed(fixture("06-pause"));
        assertThat(a.drainCalls()).isEmpty();
        assertThat(a.drainIntervals()).containsExactly(
                new CallHistory.StateInterval(OP_1006, "FREE", null, Instant.ofEpochSecond(1795332447),
                        Instant.ofEpochSecond(1795332448)),
                new CallHistory.StateInterval(OP_1006, "PAUSED", "Break", Instant.ofEpochSecond(1795332448),
                        Instant.ofEpochSecond(1795332450)),
                new CallHistory.StateInterval(OP_1006, "FREE", null, Instant.ofEpochSecond(1795332450),
                        Instant.ofEpochSecond(1795332451)));
    }

    @Test
    void talkingIsAStateBetweenConnectAndComplete() throws Exception {
        QueueLogAssembler a = feed(fixture("01-basic"));
        a.drainCalls();
        assertThat(a.drainIntervals()).extracting(CallHistory.StateInterval::state, CallHistory.StateInterval::startedAt,
                        CallHistory.StateInterval::endedAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("FREE", Instant.ofEpochSecond(1795332334), Instant.ofEpochSecond(1795332336)),
                        org.assertj.core.groups.Tuple.tuple("TALKING", Instant.ofEpochSecond(1795332336), Instant.ofEpochSecond(1795332339)),
                        org.assertj.core.groups.Tuple.tuple("FREE", Instant.ofEpochSecond(1795332339), Instant.ofEpochSecond(1795332343)));
    }

    @Test
    void anAgentNobodyMatchesIsReportedAndTheCallStillCounts() throws Exception {
        QueueLogAssembler a = feed(fixture("07-sip-agent"));
        CallHistory.Leg l = only(a).legs().get(0);
        assertThat(l.outcome()).isEqualTo("answered");
        assertThat(l.agentId()).isNull();
        assertThat(l.agentNumber()).isNull();
        assertThat(a.unmatchedAgents()).containsEntry("SIP Agent baresip", 4L);
    }

    /** An AMI follower reads the operators again (a new extension): the next call is theirs, the states go live. */
    @Test
    void freshNamesRecogniseANewOperatorAndStatesAreToldAsTheyChange() throws Exception {
        QueueLogAssembler.Names nobody = new QueueLogAssembler.Names() {
            @Override
            public UUID queue(String name) {
                return NAMES.queue(name);
            }

            @Override
            public QueueLogAssembler.Agent agent(String name) {
                return null;
            }
        };
        QueueLogAssembler a = new QueueLogAssembler(nobody, 0, Map.of());
        List<String> told = new java.util.ArrayList<>();
        a.onStateChange((agent, state, reason, at) -> told.add(agent + " " + state + " " + reason + " " + at.getEpochSecond()));
        String[] first = {
            "1000|7.1|support|NONE|ENTERQUEUE||84951234567|1",
            "1010|7.1|support|PJSIP/1001|CONNECT|10|7.2|3",
            "1070|7.1|support|PJSIP/1001|COMPLETECALLER|10|60|1",
        };
        String[] second = {
            "1100|support|support|PJSIP/1001|ADDMEMBER|",
            "1105|support|support|PJSIP/1001|PAUSE|lunch",
            "1110|support|support|PJSIP/1001|UNPAUSE|",
            "1200|8.1|support|NONE|ENTERQUEUE||84951234567|1",
            "1210|8.1|support|PJSIP/1001|CONNECT|10|8.2|3",
            "1270|8.1|support|PJSIP/1001|COMPLETEAGENT|10|60|1",
            "1300|support|support|PJSIP/1001|REMOVEMEMBER|",
        };
        for (int i = 0; i < first.length; i++) {
            a.accept(QueueLogLine.parse(first[i], i + 1, 0));
        }
        a.names(NAMES);
        for (int i = 0; i < second.length; i++) {
            a.accept(QueueLogLine.parse(second[i], first.length + i + 1, 0));
        }
        a.flush(null, true);
        List<CallHistory.Call> calls = a.drainCalls();
        assertThat(calls).extracting(c -> c.legs().get(0).agentId()).containsExactly(null, OP_1001);
        assertThat(a.unmatchedAgents()).containsEntry("PJSIP/1001", 2L);
        assertThat(told).containsExactly(
                OP_1001 + " FREE null 1100",
                OP_1001 + " PAUSED lunch 1105",
                OP_1001 + " FREE null 1110",
                OP_1001 + " TALKING null 1210",
                OP_1001 + " FREE null 1270",
                OP_1001 + " null null 1300");
    }

    @Test
    void allScenariosTogetherGiveEveryCallOnce() throws Exception {
        StringBuilder all = new StringBuilder();
        for (String s : List.of("01-basic", "02-hold-ring", "03-caller-hangup", "04-abandon", "05-ring-no-answer",
                "06-pause", "07-sip-agent")) {
            all.append(fixture(s));
        }
        List<CallHistory.Call> calls = feed(all.toString()).drainCalls();
        assertThat(calls).extracting(CallHistory.Call::id).containsExactlyInAnyOrder("1795332336.1", "1795332391.5",
                "1795332409.9", "1795332420.13", "1795332429.15", "1795332684.35");
    }

    @Test
    void aTransferToAnotherQueueIsASecondLegOfTheSameCall() throws Exception {
        UUID sales = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
        QueueLogAssembler.Names two = new QueueLogAssembler.Names() {
            @Override
            public UUID queue(String name) {
                return name.equals("support") ? SUPPORT : name.equals("sales") ? sales : null;
            }

            @Override
            public QueueLogAssembler.Agent agent(String name) {
                return NAMES.agent(name);
            }
        };
        QueueLogAssembler a = new QueueLogAssembler(two, 0, Map.of());
        String[] lines = {
            "1000|7.1|support|NONE|DID|4951112233",
            "1000|7.1|support|NONE|ENTERQUEUE||84951234567|1",
            "1010|7.1|support|PJSIP/1001|CONNECT|10|7.2|3",
            "1070|7.1|support|PJSIP/1001|BLINDTRANSFER|500|from-internal|10|60|1",
            "1071|7.1|sales|NONE|ENTERQUEUE||84951234567|2",
            "1090|7.1|sales|Local/1005@agents/n|CONNECT|19|7.3|1",
            "1190|7.1|sales|Local/1005@agents/n|COMPLETECALLER|19|100|2",
        };
        long offset = 0;
        for (int i = 0; i < lines.length; i++) {
            a.accept(QueueLogLine.parse(lines[i], i + 1, offset));
            offset += lines[i].length() + 1;
        }
        // within the chaining time the call is held: another leg may follow
        a.flush(Instant.ofEpochSecond(1190).minus(QueueLogAssembler.CHAIN), false);
        assertThat(a.drainCalls()).isEmpty();
        a.flush(Instant.ofEpochSecond(1190 + 61).minus(QueueLogAssembler.CHAIN), false);
        CallHistory.Call c = only(a);
        assertThat(c.dialled()).isEqualTo("4951112233");
        assertThat(c.caller()).isEqualTo("84951234567");
        assertThat(c.endedBy()).isEqualTo("caller");
        assertThat(c.legs()).extracting(CallHistory.Leg::queueId, CallHistory.Leg::agentNumber, CallHistory.Leg::waitMs,
                        CallHistory.Leg::talkMs, CallHistory.Leg::endedBy, CallHistory.Leg::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SUPPORT, "1001", 10_000L, 60_000L, "transfer", 1),
                        org.assertj.core.groups.Tuple.tuple(sales, "1005", 19_000L, 100_000L, "caller", 2));
    }

    @Test
    void exitsAreNotAbandons() throws Exception {
        String log = String.join("\n",
                "2000|8.1|support|NONE|ENTERQUEUE||5550001|1",
                "2030|8.1|support|NONE|EXITWITHTIMEOUT|1|1|30",
                "2100|8.2|support|NONE|ENTERQUEUE||5550002|1",
                "2101|8.2|support|NONE|EXITEMPTY|1|1|1",
                "2200|8.3|support|NONE|ENTERQUEUE||5550003|1",
                "2207|8.3|support|NONE|EXITWITHKEY|5|1|1|7", "");
        List<CallHistory.Call> calls = feed(log).drainCalls();
        assertThat(calls).extracting(c -> c.legs().get(0).outcome(), c -> c.legs().get(0).waitMs())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("timeout", 30_000L),
                        org.assertj.core.groups.Tuple.tuple("overflow", 1_000L),
                        org.assertj.core.groups.Tuple.tuple("overflow", 7_000L));
    }

    @Test
    void unknownVerbsAndLinesOfCallsBeforeTheFileAreCountedNotFatal() throws Exception {
        QueueLogAssembler a = feed(String.join("\n",
                "3000|NONE|NONE|NONE|QUEUESTART|",
                "3001|9.1|support|Agent 1001|CONNECT|3|9.2|1",
                "3002|9.3|support|NONE|FROBNICATE|x",
                "3003|9.3|support|NONE|FROBNICATE|y", ""));
        assertThat(a.drainCalls()).isEmpty();
        assertThat(a.orphanLines()).isEqualTo(1);
        assertThat(a.unknownVerbs()).containsEntry("FROBNICATE", 2L);
    }

    @Test
    void aCallWithoutItsEndIsCountedNotStored() throws Exception {
        QueueLogAssembler a = feed("4000|10.1|support|NONE|ENTERQUEUE||5550009|1\n");
        assertThat(a.drainCalls()).isEmpty();
        assertThat(a.openCalls()).isEqualTo(1);
    }

    @Test
    void malformedLinesSayWhy() {
        assertThatThrownBy(() -> QueueLogLine.parse("garbage", 1, 0)).isInstanceOf(QueueLogLine.Malformed.class)
                .hasMessageContaining("at least 5 fields");
        assertThatThrownBy(() -> QueueLogLine.parse("yesterday|1.1|q|a|CONNECT", 1, 0))
                .hasMessageContaining("not a Unix time");
        assertThatThrownBy(() -> QueueLogLine.parse("1795332336|1.1|q|a|", 1, 0)).hasMessageContaining("event");
        assertThatThrownBy(() -> QueueLogLine.parse("99999999999|1.1|q|a|X", 1, 0)).hasMessageContaining("after 2100");
    }

    @Test
    void agentNumbersFromInterfacesAndNames() {
        assertThat(QueueLogAssembler.number("PJSIP/1001")).isEqualTo("1001");
        assertThat(QueueLogAssembler.number("SIP/1001-0000000a")).isEqualTo("1001");
        assertThat(QueueLogAssembler.number("Local/1001@from-queue/n")).isEqualTo("1001");
        assertThat(QueueLogAssembler.number("Agent/1001")).isEqualTo("1001");
        assertThat(QueueLogAssembler.number("Agent 1001")).isEqualTo("1001");
        assertThat(QueueLogAssembler.number("SIP Agent baresip")).isNull();
        assertThat(QueueLogAssembler.number("NONE")).isNull();
    }

    @Test
    void aFollowedFileLeavesAHalfWrittenLineForTheNextPass() throws Exception {
        byte[] bytes = "1|1.1|q|NONE|ENTERQUEUE||5|1\n2|1.1|q|NONE|ABAN".getBytes(StandardCharsets.UTF_8);
        List<String> seen = new ArrayList<>();
        try (LineReader r = new LineReader(new ByteArrayInputStream(bytes), 0, 0, true)) {
            String line;
            while ((line = r.next()) != null) {
                seen.add(line);
            }
            assertThat(r.position()).isEqualTo(29);
        }
        assertThat(seen).containsExactly("1|1.1|q|NONE|ENTERQUEUE||5|1");
    }
}
