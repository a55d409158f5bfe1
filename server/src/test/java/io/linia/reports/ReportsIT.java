package io.linia.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.time.MutableClock;
import io.linia.platform.time.Scheduler;
import io.linia.platform.time.VirtualScheduler;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The inbound reports (REP-1..8, REP-10) over a hand-built day and a half of calls, every
 * figure worked out by hand below. The calls run through the real ACD on the simulated switch
 * and virtual time, so waits and talks are exact to the millisecond. Moscow time; day D is the
 * last day of a month, so D+1 starts a new month.
 *
 * <pre>
 * leg   when (local)      queue op  outcome    ended by  wait talk  pos
 * L1    D 10:00:00        Q1    A   answered   agent        5   60   1
 * L2    D 10:05:00        Q1    A   answered   caller      10   30   1
 * L3    D 10:10:00        Q1    A   answered   agent        0   45   1
 * L4    D 10:20:00        Q1    A   answered   caller      30  120   1
 * L5    D 10:30:00        Q1    A   answered   agent       31   10   1
 * L6a   D 11:00:00        Q1    A   answered   transfer    12   20   1
 * L6b   D 11:00:32        Q2    B   answered   caller       3   40   1
 * L7    D 11:30:00        Q1    -   abandoned               4 (short)  1
 * L8    D 11:30:02        Q1    -   abandoned              45        2
 * L9    D 12:00:00        Q2    -   abandoned             301        1
 * L10   D 12:30:00        Q2    B   answered   agent       20  100   1   (rang 15 s unanswered first)
 * L11   D 23:59:50        Q1    A   answered   caller      20   60   1   (answered after midnight)
 * L12   D+1 00:10:00      Q1    -   abandoned               8        1   (caller 8 495 123-45-67)
 * L13   D+1 09:00:00      Q1    C   answered   agent        7   50   1   (C has A's old number 201)
 * L14   D+1 09:10:00      Q2    B   answered   caller      60  200   1
 * </pre>
 * Q1 has a service-level target of 20 s, Q2 of 30 s.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsIT {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    MutableClock clock;
    @Autowired
    Scheduler scheduler;

    Api api;
    TestTenant acme;
    Api admin;
    Api opA;
    Api opB;
    Api opC;
    UUID a;
    UUID b;
    UUID c;
    String q1;
    String q2;
    LocalDate d;
    String range;

    @BeforeAll
    void buildTheCalls() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        a = acme.user("alla", "operator");
        b = acme.user("boris", "operator");
        c = acme.user("sveta", "operator");
        ok(admin.patch("/api/v1/users/" + a, Map.of("extension", "201", "fullName", "Алла Андреева")));
        ok(admin.patch("/api/v1/users/" + b, Map.of("extension", "202", "fullName", "Борис Белов")));
        ok(admin.patch("/api/v1/users/" + c, Map.of("fullName", "Светлана Соколова")));
        opA = api.as(acme.token(api, "alla"));
        opB = api.as(acme.token(api, "boris"));
        opC = api.as(acme.token(api, "sveta"));
        q1 = created(admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная", "serviceLevelSeconds", 20,
                "ringTimeoutSeconds", 300, "wrapUpSeconds", 0, "pauseOnNoAnswer", false)));
        q2 = created(admin.post("/api/v1/queues", Map.of("number", "200", "name", "Запись", "serviceLevelSeconds", 30,
                "ringTimeoutSeconds", 300, "wrapUpSeconds", 0, "pauseOnNoAnswer", false)));
        ok(opA.put("/api/v1/agent/queues/" + q1, null));
        ok(opB.put("/api/v1/agent/queues/" + q2, null));

        // D: the last day of the month after next day's month starts at least two days from now
        LocalDate today = LocalDate.ofInstant(clock.instant(), MOSCOW);
        d = today.plusDays(2).withDayOfMonth(today.plusDays(2).lengthOfMonth());
        range = "from=" + d + "&to=" + d.plusDays(2);

        at(d, "10:00:00");
        String l1 = call("100", "+74950000001");
        advance(5);
        answer(opA, l1);
        advance(60);
        agentHangup(opA, l1);

        at(d, "10:05:00");
        String l2 = call("100", "+74950000002");
        advance(10);
        answer(opA, l2);
        advance(30);
        callerHangup(l2);

        at(d, "10:10:00");
        String l3 = call("100", "+74950000003");
        answer(opA, l3);
        advance(45);
        agentHangup(opA, l3);

        at(d, "10:20:00");
        String l4 = call("100", "+74950000004");
        advance(30);
        answer(opA, l4);
        advance(120);
        callerHangup(l4);

        at(d, "10:30:00");
        String l5 = call("100", "+74950000005");
        advance(31);
        answer(opA, l5);
        advance(10);
        agentHangup(opA, l5);

        at(d, "11:00:00");
        String l6 = call("100", "+74950000006");
        advance(12);
        answer(opA, l6);
        advance(20);
        ok(opA.post("/api/v1/agent/calls/" + l6 + "/transfer", Map.of("queueId", q2)));
        advance(3);
        answer(opB, l6);
        advance(40);
        callerHangup(l6);

        at(d, "11:30:00");
        pause(opA);
        String l7 = call("100", "+74950000007");
        advance(2);
        String l8 = call("100", "+74950000008");
        advance(2);
        callerHangup(l7);
        advance(43);
        callerHangup(l8);
        free(opA);

        at(d, "12:00:00");
        pause(opB);
        String l9 = call("200", "+74950000009");
        advance(301);
        callerHangup(l9);
        free(opB);

        at(d, "12:30:00");
        ringTimeout(q2, 15); // a live change: this call rings out once
        String l10 = call("200", "+74950000010");
        advance(15); // rings out unanswered (missed), then rings B again
        assertThat(opB.get("/api/v1/agent/state").json().get("state").asString()).isEqualTo("RINGING");
        advance(5);
        answer(opB, l10);
        advance(100);
        agentHangup(opB, l10);
        ringTimeout(q2, 300);

        at(d, "23:59:50");
        String l11 = call("100", "+74950000011");
        advance(20);
        answer(opA, l11);
        advance(60);
        callerHangup(l11);

        at(d.plusDays(1), "00:10:00");
        pause(opA);
        String l12 = call("100", "84951234567");
        advance(8);
        callerHangup(l12);

        at(d.plusDays(1), "09:00:00");
        assertThat(opA.delete("/api/v1/agent/queues/" + q1).status()).isEqualTo(200);
        ok(admin.patch("/api/v1/users/" + a, Map.of("extension", "209")));
        ok(admin.patch("/api/v1/users/" + c, Map.of("extension", "201")));
        ok(opC.put("/api/v1/agent/queues/" + q1, null));
        String l13 = call("100", "+74950000013");
        advance(7);
        answer(opC, l13);
        advance(50);
        agentHangup(opC, l13);

        at(d.plusDays(1), "09:10:00");
        String l14 = call("200", "+74950000014");
        advance(60);
        answer(opB, l14);
        advance(200);
        callerHangup(l14);

        at(d.plusDays(2), "00:00:00");
    }

    // ------------------------------------------------------------------ REP-3, REP-10

    @Test
    void theSummaryOfTheWholeRange() {
        JsonNode s = row(report("summary", range), 0);
        assertThat(s.get("offered").asLong()).isEqualTo(15);
        assertThat(s.get("answered").asLong()).isEqualTo(11);
        assertThat(s.get("lost").asLong()).isEqualTo(4);
        assertThat(s.get("shortAbandoned").asLong()).isEqualTo(1);
        assertThat(s.get("maxQueueLength").asLong()).isEqualTo(2);
        // talk 60+30+45+120+10+20+40+100+60+50+200 = 735 over 11 answered
        assertThat(s.get("talkTotal").asLong()).isEqualTo(735);
        assertThat(s.get("talkAverage").asLong()).isEqualTo(67); // 66.8
        assertThat(s.get("talkMin").asLong()).isEqualTo(10);
        assertThat(s.get("talkMax").asLong()).isEqualTo(200);
        // waits 5+10+0+30+31+12+3+20+20+7+60 = 198
        assertThat(s.get("answeredWaitTotal").asLong()).isEqualTo(198);
        assertThat(s.get("answeredWaitAverage").asLong()).isEqualTo(18);
        assertThat(s.get("answeredWaitMin").asLong()).isEqualTo(0);
        assertThat(s.get("answeredWaitMax").asLong()).isEqualTo(60);
        // lost 4+45+301+8 = 358 over 4
        assertThat(s.get("lostWaitTotal").asLong()).isEqualTo(358);
        assertThat(s.get("lostWaitAverage").asLong()).isEqualTo(90); // 89.5 rounds up
        assertThat(s.get("lostWaitMin").asLong()).isEqualTo(4);
        assertThat(s.get("lostWaitMax").asLong()).isEqualTo(301);
        // within the queue's target: Q1 (20 s) L1 L2 L3 L6a L11 L13, Q2 (30 s) L6b L10 → 8 of 11
        assertThat(s.get("serviceLevel").asDouble()).isEqualTo(72.7);
        assertThat(s.get("abandonRate").asDouble()).isEqualTo(26.7); // 4 of 15
        assertThat(s.get("asa").asLong()).isEqualTo(18);
        assertThat(s.get("aht").asLong()).isEqualTo(67);
    }

    @Test
    void aCallIsCountedOnTheDayItCameEvenWhenAnsweredAfterMidnight() {
        JsonNode dayD = row(report("summary", "from=" + d + "&to=" + d.plusDays(1)), 0);
        assertThat(dayD.get("offered").asLong()).isEqualTo(12);
        assertThat(dayD.get("answered").asLong()).isEqualTo(9); // L11 included
        assertThat(dayD.get("lost").asLong()).isEqualTo(3);
        JsonNode next = row(report("summary", "from=" + d.plusDays(1) + "&to=" + d.plusDays(2)), 0);
        assertThat(next.get("offered").asLong()).isEqualTo(3);
    }

    @Test
    void aRangeThatCutsQuarterHoursAddsTheEdgesFromTheLegs() {
        // [10:04, 11:31): L2 L3 L4 L5 L6a L6b answered, L7 L8 lost; 10:15-11:30 come from rollups
        JsonNode s = row(report("summary", "from=" + d + "T10:04&to=" + d + "T11:31"), 0);
        assertThat(s.get("offered").asLong()).isEqualTo(8);
        assertThat(s.get("answered").asLong()).isEqualTo(6);
        assertThat(s.get("lost").asLong()).isEqualTo(2);
        assertThat(s.get("talkTotal").asLong()).isEqualTo(30 + 45 + 120 + 10 + 20 + 40);
        assertThat(s.get("lostWaitTotal").asLong()).isEqualTo(49);
    }

    @Test
    void filtersByQueueOperatorAndCallerNumber() {
        JsonNode q2Only = row(report("summary", range + "&queue=" + q2), 0);
        assertThat(q2Only.get("answered").asLong()).isEqualTo(3);
        assertThat(q2Only.get("lost").asLong()).isEqualTo(1);
        assertThat(q2Only.get("serviceLevel").asDouble()).isEqualTo(66.7);
        JsonNode boris = row(report("summary", range + "&agent=" + b), 0);
        assertThat(boris.get("answered").asLong()).isEqualTo(3);
        assertThat(boris.get("lost").asLong()).isZero(); // nobody's calls are no operator's
        JsonNode caller = row(report("summary", range + "&caller=84951234567"), 0);
        assertThat(caller.get("offered").asLong()).isEqualTo(1);
        assertThat(caller.get("lost").asLong()).isEqualTo(1);
        assertThat(caller.get("lostWaitTotal").asLong()).isEqualTo(8);
    }

    @Test
    void theServiceLevelFormulaAndShortAbandonsFollowTheTenantsSettings() {
        try {
            ok(admin.put("/api/v1/reports/settings", Map.of("serviceLevelFormula", "SL2")));
            // (answered within target 8 + lost within target: L7 4 s, L12 8 s) ÷ (11 + 4)
            assertThat(row(report("summary", range), 0).get("serviceLevel").asDouble()).isEqualTo(66.7);
            ok(admin.put("/api/v1/reports/settings", Map.of("serviceLevelFormula", "OFFERED")));
            assertThat(row(report("summary", range), 0).get("serviceLevel").asDouble()).isEqualTo(53.3); // 8 of 15
            ok(admin.put("/api/v1/reports/settings", Map.of("excludeShortAbandons", true)));
            JsonNode s = row(report("summary", range), 0);
            assertThat(s.get("offered").asLong()).isEqualTo(14);
            assertThat(s.get("lost").asLong()).isEqualTo(3);
            assertThat(s.get("serviceLevel").asDouble()).isEqualTo(57.1); // 8 of 14
            assertThat(s.get("abandonRate").asDouble()).isEqualTo(21.4); // 3 of 14
            assertThat(report("lost", range).get("rows")).hasSize(3);
            assertThat(row(report("service-level", range), 0).get("lost").asLong()).isZero(); // L7 was the first bucket's

            Api.Response wrong = admin.put("/api/v1/reports/settings", Map.of("shortAbandonSeconds", 30));
            assertThat(wrong.status()).isEqualTo(422);
            assertThat(wrong.field()).isEqualTo("shortAbandonSeconds");
            assertThat(api.as(acme.token(api, "boris")).put("/api/v1/reports/settings",
                    Map.of("serviceLevelFormula", "SL")).status()).isEqualTo(403);
        } finally {
            ok(admin.put("/api/v1/reports/settings", Map.of("serviceLevelFormula", "SL", "excludeShortAbandons", false)));
        }
    }

    // ------------------------------------------------------------------ REP-4, REP-5

    @Test
    void perOperatorAndPerQueue() {
        JsonNode ops = report("operators", range).get("rows");
        assertThat(ops).hasSize(3);
        JsonNode alla = byField(ops, "agentId", a.toString());
        assertThat(alla.get("agentName").asString()).isEqualTo("Алла Андреева");
        assertThat(alla.get("answered").asLong()).isEqualTo(7);
        assertThat(alla.get("waitTotal").asLong()).isEqualTo(108);
        assertThat(alla.get("talkTotal").asLong()).isEqualTo(345);
        JsonNode boris = byField(ops, "agentId", b.toString());
        assertThat(boris.get("answered").asLong()).isEqualTo(3);
        assertThat(boris.get("waitTotal").asLong()).isEqualTo(83);
        assertThat(boris.get("talkTotal").asLong()).isEqualTo(340);
        JsonNode sveta = byField(ops, "agentId", c.toString());
        assertThat(sveta.get("answered").asLong()).isEqualTo(1);
        assertThat(sveta.get("talkTotal").asLong()).isEqualTo(50);

        JsonNode queues = report("queues", range).get("rows");
        JsonNode first = byField(queues, "queueNumber", "100");
        assertThat(first.get("queueName").asString()).isEqualTo("Справочная");
        assertThat(first.get("answered").asLong()).isEqualTo(8);
        assertThat(first.get("waitTotal").asLong()).isEqualTo(115);
        assertThat(first.get("talkTotal").asLong()).isEqualTo(395);
        assertThat(first.get("lost").asLong()).isEqualTo(3);
        assertThat(first.get("serviceLevel").asDouble()).isEqualTo(75.0);
        JsonNode second = byField(queues, "queueNumber", "200");
        assertThat(second.get("answered").asLong()).isEqualTo(3);
        assertThat(second.get("lost").asLong()).isEqualTo(1);
        assertThat(second.get("serviceLevel").asDouble()).isEqualTo(66.7);
    }

    @Test
    void howEachOperatorsCallsEnded() {
        JsonNode rows = report("completion", range).get("rows");
        JsonNode alla = byField(rows, "agentId", a.toString());
        assertThat(alla.get("answered").asLong()).isEqualTo(7);
        assertThat(alla.get("endedByCaller").asLong()).isEqualTo(3);
        assertThat(alla.get("endedByCallerPercent").asDouble()).isEqualTo(42.9);
        assertThat(alla.get("endedByAgent").asLong()).isEqualTo(3);
        assertThat(alla.get("endedByAgentPercent").asDouble()).isEqualTo(42.9);
        assertThat(alla.get("transferred").asLong()).isEqualTo(1);
        assertThat(alla.get("transferredPercent").asDouble()).isEqualTo(14.3);
        JsonNode boris = byField(rows, "agentId", b.toString());
        assertThat(boris.get("endedByCaller").asLong()).isEqualTo(2);
        assertThat(boris.get("endedByCallerPercent").asDouble()).isEqualTo(66.7);
        assertThat(boris.get("endedByAgentPercent").asDouble()).isEqualTo(33.3);
        assertThat(boris.get("transferredPercent").asDouble()).isEqualTo(0.0);
    }

    // ------------------------------------------------------------------ REP-6

    @Test
    void waitBucketsAreHalfOpenWithTheLimitInside() {
        JsonNode rows = report("service-level", range).get("rows");
        assertThat(rows).hasSize(10);
        // answered: 0 3 5 | 7 10 | 12 | 20 20 30 | 31 | 60
        long[] answered = {3, 2, 1, 3, 1, 1, 0, 0, 0, 0};
        double[] answeredCumulative = {27.3, 45.5, 54.5, 81.8, 90.9, 100.0, 100.0, 100.0, 100.0, 100.0};
        // lost: 4 | 8 | | | 45 | | | | | 301
        long[] lost = {1, 1, 0, 0, 1, 0, 0, 0, 0, 1};
        double[] lostCumulative = {25.0, 50.0, 50.0, 50.0, 75.0, 75.0, 75.0, 75.0, 75.0, 100.0};
        for (int i = 0; i < 10; i++) {
            JsonNode r = rows.get(i);
            assertThat(r.get("answered").asLong()).as("answered in bucket %d", i).isEqualTo(answered[i]);
            assertThat(r.get("answeredCumulativePercent").asDouble()).as("bucket %d", i).isEqualTo(answeredCumulative[i]);
            assertThat(r.get("lost").asLong()).as("lost in bucket %d", i).isEqualTo(lost[i]);
            assertThat(r.get("lostCumulativePercent").asDouble()).as("bucket %d", i).isEqualTo(lostCumulative[i]);
        }
        assertThat(rows.get(0).get("bucket").asString()).isEqualTo("0-5");
        assertThat(rows.get(0).get("answeredPercent").asDouble()).isEqualTo(27.3);
        assertThat(rows.get(9).get("bucket").asString()).isEqualTo(">300");
    }

    // ------------------------------------------------------------------ REP-7

    @Test
    void periodsByDayMonthAndHour() {
        JsonNode days = report("periods", range + "&group=day").get("rows");
        assertThat(days).hasSize(2);
        JsonNode first = days.get(0);
        assertThat(first.get("period").asString()).isEqualTo(d + "T00:00");
        assertThat(first.get("total").asLong()).isEqualTo(12);
        assertThat(first.get("answered").asLong()).isEqualTo(9);
        assertThat(first.get("answeredPercent").asDouble()).isEqualTo(75.0);
        assertThat(first.get("averageWait").asLong()).isEqualTo(15); // 131 / 9
        assertThat(first.get("averageTalk").asLong()).isEqualTo(54); // 485 / 9
        assertThat(first.get("transferred").asLong()).isEqualTo(1);
        assertThat(first.get("transferredPercent").asDouble()).isEqualTo(8.3);
        assertThat(first.get("transferredAverageWait").asLong()).isEqualTo(12);
        assertThat(first.get("transferredAverageTalk").asLong()).isEqualTo(20);
        assertThat(first.get("lost").asLong()).isEqualTo(3);
        assertThat(first.get("lostPercent").asDouble()).isEqualTo(25.0);
        assertThat(first.get("lostAverageWait").asLong()).isEqualTo(117); // 350 / 3
        JsonNode second = days.get(1);
        assertThat(second.get("total").asLong()).isEqualTo(3);
        assertThat(second.get("answeredPercent").asDouble()).isEqualTo(66.7);
        assertThat(second.get("averageWait").asLong()).isEqualTo(34); // 67 / 2
        assertThat(second.get("averageTalk").asLong()).isEqualTo(125);
        assertThat(second.get("transferredAverageWait").isNull()).isTrue();
        assertThat(second.get("lostAverageWait").asLong()).isEqualTo(8);

        JsonNode months = report("periods", range + "&group=month").get("rows");
        assertThat(months).hasSize(2); // D is a month's last day
        assertThat(months.get(0).get("period").asString()).isEqualTo(d.withDayOfMonth(1) + "T00:00");
        assertThat(months.get(0).get("total").asLong()).isEqualTo(12);
        assertThat(months.get(1).get("total").asLong()).isEqualTo(3);

        JsonNode hours = report("periods", range + "&group=hour").get("rows");
        JsonNode late = byField(hours, "period", d + "T23:00");
        assertThat(late.get("total").asLong()).isEqualTo(1);
        assertThat(late.get("averageWait").asLong()).isEqualTo(20);
        assertThat(byField(hours, "period", d + "T10:00").get("total").asLong()).isEqualTo(5);
    }

    // ------------------------------------------------------------------ REP-8

    @Test
    void agentAnalytics() {
        JsonNode boris = byField(report("agents", range).get("rows"), "agentId", b.toString());
        assertThat(boris.get("answered").asLong()).isEqualTo(3);
        assertThat(boris.get("missed").asLong()).isEqualTo(1);
        assertThat(boris.get("endedByCaller").asLong()).isEqualTo(2);
        assertThat(boris.get("loggedIn").asLong()).isEqualTo(48 * 3600); // in the queue all along
        assertThat(boris.get("paused").asLong()).isEqualTo(301);
        assertThat(boris.get("talking").asLong()).isEqualTo(340);
        assertThat(boris.get("ringing").asLong()).isEqualTo(3 + 15 + 5 + 60);
        assertThat(boris.get("free").asLong()).isEqualTo(48 * 3600 - 301 - 340 - 83);
        assertThat(boris.get("callsPerHour").asDouble()).isEqualTo(0.1); // 3 in 48 h
        assertThat(boris.get("occupancy").asDouble()).isEqualTo(0.2); // 340 of 172,499 s
    }

    // ------------------------------------------------------------------ REP-1, REP-2

    @Test
    void answeredCallsPageByKeysetAndKeepTheNumberTheOperatorHadThen() {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = report("answered", range + "&limit=4" + (after == null ? "" : "&after=" + after));
            page.get("rows").forEach(all::add);
            after = page.get("next").isNull() ? null : page.get("next").asString();
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(11);
        assertThat(all.stream().map(r -> r.get("enteredAt").asString()).toList()).isSorted();
        JsonNode first = all.get(0);
        assertThat(first.get("enteredAt").asString()).isEqualTo(d + "T10:00");
        assertThat(first.get("queueNumber").asString()).isEqualTo("100");
        assertThat(first.get("agentNumber").asString()).isEqualTo("201");
        assertThat(first.get("agentName").asString()).isEqualTo("Алла Андреева");
        assertThat(first.get("caller").asString()).isEqualTo("+74950000001");
        assertThat(first.get("wait").asLong()).isEqualTo(5);
        assertThat(first.get("talk").asLong()).isEqualTo(60);
        assertThat(first.get("position").asLong()).isEqualTo(1);
        assertThat(first.get("endedBy").asString()).isEqualTo("agent");
        JsonNode transferred = all.get(5);
        assertThat(transferred.get("endedBy").asString()).isEqualTo("transfer");
        assertThat(all.get(6).get("queueNumber").asString()).isEqualTo("200");
        JsonNode sveta = byField(all, "caller", "+74950000013");
        assertThat(sveta.get("agentNumber").asString()).isEqualTo("201");
        assertThat(sveta.get("agentName").asString()).isEqualTo("Светлана Соколова");
    }

    @Test
    void lostCallsWithWaitAndPosition() {
        JsonNode rows = report("lost", range).get("rows");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).get("wait").asLong()).isEqualTo(4);
        assertThat(rows.get(1).get("wait").asLong()).isEqualTo(45);
        assertThat(rows.get(1).get("position").asLong()).isEqualTo(2);
        assertThat(rows.get(2).get("queueNumber").asString()).isEqualTo("200");
        assertThat(rows.get(2).get("wait").asLong()).isEqualTo(301);
        assertThat(rows.get(3).get("caller").asString()).isEqualTo("84951234567");
        assertThat(rows.get(3).get("enteredAt").asString()).isEqualTo(d.plusDays(1) + "T00:10");
    }

    // ------------------------------------------------------------------ exports

    @Test
    void csvXlsxAndPdfCarryTheSameNumbersAsJson() throws Exception {
        JsonNode json = report("operators", range).get("rows");
        JsonNode alla = byField(json, "agentId", a.toString());

        Api.Download csv = admin.download("/api/v1/reports/operators?" + range + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.bytes()[0] & 0xff).isEqualTo(0xEF); // the BOM
        String text = new String(csv.bytes(), StandardCharsets.UTF_8).substring(1);
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(4);
        String allaLine = lines.stream().filter(l -> l.contains(a.toString())).findFirst().orElseThrow();
        // number; name; answered; wait HH:MM:SS; talk HH:MM:SS; id
        assertThat(allaLine).isEqualTo("209;Алла Андреева;7;00:01:48;00:05:45;" + a);
        Api.Download comma = admin.download("/api/v1/reports/summary?" + range + "&format=csv&separator=comma");
        String summary = new String(comma.bytes(), StandardCharsets.UTF_8).lines().toList().get(1);
        assertThat(summary).startsWith("15,11,4,1,0,0,2,00:12:15,00:01:07,").contains(",72.7,26.7,");

        Api.Download xlsx = admin.withHeader("Accept",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").download("/api/v1/reports/operators?" + range);
        assertThat(xlsx.status()).isEqualTo(200);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getPhysicalNumberOfRows()).isEqualTo(4);
            Row r = null;
            for (Row candidate : sheet) {
                if (a.toString().equals(candidate.getCell(5).getStringCellValue())) {
                    r = candidate;
                }
            }
            assertThat(r).isNotNull();
            assertThat(r.getCell(1).getStringCellValue()).isEqualTo(alla.get("agentName").asString());
            assertThat((long) r.getCell(2).getNumericCellValue()).isEqualTo(alla.get("answered").asLong());
            assertThat(Math.round(r.getCell(3).getNumericCellValue() * 86400)).isEqualTo(alla.get("waitTotal").asLong());
            assertThat(Math.round(r.getCell(4).getNumericCellValue() * 86400)).isEqualTo(alla.get("talkTotal").asLong());
            assertThat(r.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("[h]:mm:ss");
        }

        Api.Download pdf = admin.download("/api/v1/reports/operators?" + range + "&format=pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(new String(pdf.bytes(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf.bytes());
        String page = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(page).contains("Алла Андреева").contains("00:01:48").contains("00:05:45").contains("Борис Белов");
    }

    // ------------------------------------------------------------------ bad input, tenancy

    @Test
    void badInputIsRefusedWithTheField() {
        problem(admin.get("/api/v1/reports/summary?from=" + d + "&to=" + d.minusDays(1)), 422, "to");
        problem(admin.get("/api/v1/reports/summary?from=" + d.minusDays(500) + "&to=" + d), 422, "to");
        problem(admin.get("/api/v1/reports/summary?from=yesterday"), 422, "from");
        problem(admin.get("/api/v1/reports/summary?" + range + "&queue=" + UUID.randomUUID()), 422, "queue");
        problem(admin.get("/api/v1/reports/summary?" + range + "&queue=abc"), 422, "queue");
        problem(admin.get("/api/v1/reports/summary?" + range + "&agent=" + UUID.randomUUID()), 422, "agent");
        problem(admin.get("/api/v1/reports/summary?" + range + "&caller=12ab"), 422, "caller");
        problem(admin.get("/api/v1/reports/summary?" + range + "&format=docx"), 422, "format");
        problem(admin.get("/api/v1/reports/periods?" + range + "&group=week"), 422, "group");
        problem(admin.get("/api/v1/reports/answered?" + range + "&after=nonsense"), 422, "after");
        problem(admin.get("/api/v1/reports/answered?" + range + "&limit=5000"), 422, "limit");
        assertThat(admin.get("/api/v1/reports/nonsense?" + range).status()).isEqualTo(404);
        assertThat(opB.get("/api/v1/reports/summary?" + range).status()).isEqualTo(403);
    }

    @Test
    void anotherTenantSeesNoneOfTheseCalls() {
        TestTenant other = tenants.create();
        Api otherAdmin = api.as(other.token(api, "admin"));
        assertThat(row(get(otherAdmin, "summary", range), 0).get("offered").asLong()).isZero();
        assertThat(get(otherAdmin, "answered", range).get("rows")).isEmpty();
        problem(otherAdmin.get("/api/v1/reports/summary?" + range + "&queue=" + q1), 422, "queue");
        problem(otherAdmin.get("/api/v1/reports/summary?" + range + "&agent=" + a), 422, "agent");
        // rebuilding its rollups touches nothing of ours
        Api.Response rebuilt = otherAdmin.post("/api/v1/reports/rollups/rebuild", null);
        assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
        assertThat(rebuilt.json().get("legs").asLong()).isZero();
        assertThat(row(report("summary", range), 0).get("offered").asLong()).isEqualTo(15);
        assertThat(opB.post("/api/v1/reports/rollups/rebuild", null).status()).isEqualTo(403);
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode report(String name, String query) {
        return get(admin, name, query);
    }

    private static JsonNode get(Api as, String name, String query) {
        Api.Response r = as.get("/api/v1/reports/" + name + "?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode row(JsonNode report, int i) {
        return report.get("rows").get(i);
    }

    private static JsonNode byField(Iterable<JsonNode> rows, String field, String value) {
        for (JsonNode r : rows) {
            if (value.equals(r.get(field).asString())) {
                return r;
            }
        }
        throw new AssertionError("no row with " + field + " = " + value + " in " + rows);
    }

    private static void problem(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.field()).as(r.toString()).isEqualTo(field);
    }

    private static void ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 204);
    }

    private static String created(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private String call(String dialled, String caller) {
        Api.Response r = admin.post("/api/v1/sim/calls", Map.of("caller", caller, "dialled", dialled));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("callId").asString();
    }

    private void advance(int seconds) {
        ((VirtualScheduler) scheduler).advance(Duration.ofSeconds(seconds));
    }

    /** Moves virtual time forward to a local Moscow time. */
    private void at(LocalDate day, String time) {
        LocalDateTime target = LocalDateTime.of(day, LocalTime.parse(time));
        Duration by = Duration.between(clock.instant(), target.atZone(MOSCOW).toInstant());
        assertThat(by.isNegative()).as("time only moves forward").isFalse();
        ((VirtualScheduler) scheduler).advance(by);
        signIn(); // tokens lapse over hours of virtual time
    }

    private void signIn() {
        admin = api.as(acme.token(api, "admin"));
        opA = api.as(acme.token(api, "alla"));
        opB = api.as(acme.token(api, "boris"));
        opC = api.as(acme.token(api, "sveta"));
    }

    private static void answer(Api op, String callId) {
        ok(op.post("/api/v1/agent/calls/" + callId + "/answer", null));
    }

    private static void agentHangup(Api op, String callId) {
        ok(op.post("/api/v1/agent/calls/" + callId + "/hangup", null));
    }

    private void callerHangup(String callId) {
        ok(admin.post("/api/v1/sim/calls/" + callId + "/hangup", null));
    }

    private void ringTimeout(String queue, int seconds) {
        JsonNode q = admin.get("/api/v1/queues/" + queue).json();
        ok(admin.put("/api/v1/queues/" + queue, Map.of("version", q.get("version").asLong(), "number",
                q.get("number").asString(), "name", q.get("name").asString(), "serviceLevelSeconds", 30,
                "ringTimeoutSeconds", seconds, "wrapUpSeconds", 0, "pauseOnNoAnswer", false)));
    }

    private static void pause(Api op) {
        ok(op.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "meeting")));
    }

    private static void free(Api op) {
        ok(op.put("/api/v1/agent/state", Map.of("state", "FREE")));
    }
}
