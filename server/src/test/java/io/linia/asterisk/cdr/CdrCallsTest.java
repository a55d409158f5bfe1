package io.linia.asterisk.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.acd.CallHistory;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The CDR rows of one call to a call (TEL-4): the cases of CdrCalls' doc, on real and FreePBX-shaped rows. */
class CdrCallsTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final UUID OP1001 = UUID.randomUUID();
    static final UUID OP1002 = UUID.randomUUID();
    static final Map<String, UUID> EXT = Map.of("1001", OP1001, "1002", OP1002);
    static final LocalDateTime T = LocalDateTime.parse("2026-11-23T10:00:00");

    static CdrRow row(int at, String src, String dst, String channel, String dstchannel, String app, String disposition,
                      int duration, int billsec, String uniqueid, String linkedid) {
        return new CdrRow(T.plusSeconds(at), src, dst, channel, dstchannel, app, disposition, duration, billsec, uniqueid,
                linkedid);
    }

    @Test
    void theLinkedRowsOfEveryRealQueueCallAreOneQueueCallSkippedOrLeftToTheQueueLog() throws Exception {
        for (String s : List.of("01-basic", "02-hold-ring", "03-caller-hangup", "04-abandon", "05-ring-no-answer",
                "07-sip-agent")) {
            List<CdrRow> rows = CdrFixtures.rows(s);
            assertThat(rows.stream().map(CdrRow::callKey).distinct()).as(s).hasSize(1);
            assertThat(CdrCalls.map(rows, Set.of(), EXT, UTC).skip()).as(s).isEqualTo(CdrCalls.Skip.QUEUE);
        }
        // 01-basic: the queue_log's call id is the queue channel's uniqueid, not the linkedid
        List<CdrRow> basic = CdrFixtures.rows("01-basic");
        assertThat(basic.get(0).callKey()).isEqualTo("1795332336.0");
        assertThat(CdrCalls.map(basic, Set.of("1795332336.1"), EXT, UTC).skip()).isEqualTo(CdrCalls.Skip.STORED);
    }

    @Test
    void anOriginatedPromptIsAnInboundCallAnsweredByThePbx() throws Exception {
        CallHistory.Call c = CdrCalls.map(CdrFixtures.rows("08-sip-originate"), Set.of(), EXT, UTC).call();
        assertThat(c.id()).isEqualTo("1795332674.33");
        assertThat(c.direction()).isEqualTo("inbound");
        assertThat(c.caller()).isEqualTo("100");
        assertThat(c.dialled()).isEqualTo("s");
        assertThat(c.outcome()).isEqualTo("answered_by_pbx");
        assertThat(c.arrivedAt()).isEqualTo(Instant.parse("2026-11-22T07:31:14Z"));
        assertThat(c.endedAt()).isEqualTo(Instant.parse("2026-11-22T07:31:15Z"));
        assertThat(c.legs()).isEmpty();
        assertThat(c.unqueued().agentId()).isNull();
        assertThat(c.unqueued().connectedAt()).isNull();
    }

    @Test
    void aDirectCallAnsweredAtAnExtensionIsInboundWithThatOperatorAndBillsecAsTalk() {
        // FreePBX: the trunk channel dials the extension; 8 s ringing, 52 s talking
        List<CdrRow> rows = List.of(row(0, "74951234567", "1001", "PJSIP/trunk-00000010", "PJSIP/1001-00000011", "Dial",
                "ANSWERED", 60, 52, "1795400000.20", "1795400000.20"));
        CallHistory.Call c = CdrCalls.map(rows, Set.of(), EXT, ZoneId.of("Europe/Moscow")).call();
        assertThat(c.direction()).isEqualTo("inbound");
        assertThat(c.caller()).isEqualTo("74951234567");
        assertThat(c.dialled()).isEqualTo("1001");
        assertThat(c.outcome()).isEqualTo("answered");
        assertThat(c.arrivedAt()).isEqualTo(Instant.parse("2026-11-23T07:00:00Z")); // 10:00 in Moscow
        assertThat(c.unqueued()).isEqualTo(new CallHistory.Unqueued(OP1001, Instant.parse("2026-11-23T07:00:08Z"),
                8000L, 52_000L));
        assertThat(c.endedAt()).isEqualTo(Instant.parse("2026-11-23T07:01:00Z"));
    }

    @Test
    void aCallFromAnOperatorsExtensionIsOutboundWithThatOperator() {
        List<CdrRow> rows = List.of(
                row(0, "1002", "84951112233", "PJSIP/1002-00000012", "PJSIP/trunk-00000013", "Dial", "ANSWERED", 30, 25,
                        "1795400100.30", "1795400100.30"));
        CallHistory.Call c = CdrCalls.map(rows, Set.of(), EXT, UTC).call();
        assertThat(c.direction()).isEqualTo("outbound");
        assertThat(c.unqueued().agentId()).isEqualTo(OP1002);
        assertThat(c.unqueued().talkMs()).isEqualTo(25_000L);
        assertThat(c.outcome()).isEqualTo("answered");
    }

    @Test
    void withoutABridgedAnswerTheFirstRowsDispositionIsTheOutcome() {
        assertThat(CdrCalls.map(List.of(row(0, "1001", "84950000000", "PJSIP/1001-1", "PJSIP/trunk-2", "Dial", "BUSY", 3, 0,
                "1.1", "1.1")), Set.of(), EXT, UTC).call().outcome()).isEqualTo("busy");
        // a ring attempt that nobody answered, then voicemail answered (two rows, one linkedid)
        List<CdrRow> voicemail = List.of(
                row(0, "555", "1001", "PJSIP/trunk-3", "PJSIP/1001-4", "Dial", "NO ANSWER", 20, 0, "2.1", "2.1"),
                row(20, "555", "vmu1001", "PJSIP/trunk-3", "", "VoiceMail", "ANSWERED", 35, 35, "2.1", "2.1"));
        CallHistory.Call vm = CdrCalls.map(voicemail, Set.of(), EXT, UTC).call();
        assertThat(vm.outcome()).isEqualTo("no_answer");
        assertThat(vm.unqueued().agentId()).isNull();
        assertThat(vm.endedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:55Z"));
        assertThat(CdrCalls.outcome("CONGESTION")).isEqualTo("failed");
        assertThat(CdrCalls.outcome("NO ANSWER")).isEqualTo("no_answer");
        assertThat(CdrCalls.outcome("something")).isEqualTo("unknown");
    }

    @Test
    void aCallWithQueueLegsCannotAlsoCarryAnUnqueuedAgent() {
        CallHistory.Leg leg = new CallHistory.Leg(UUID.randomUUID(), Instant.EPOCH, 1, null, null, null, Instant.EPOCH,
                0, null, "abandoned", null, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CallHistory.Call("x", null, null, Instant.EPOCH,
                Instant.EPOCH, "abandoned", null, List.of(leg), List.of(), "inbound",
                new CallHistory.Unqueued(null, null, null, null))).isInstanceOf(IllegalArgumentException.class);
    }
}
