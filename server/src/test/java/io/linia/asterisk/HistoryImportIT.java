package io.linia.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Importing the queue_log a real Asterisk 22 wrote (fixtures/asterisk, TEL-4) through the API:
 * the reports then show the calls as Asterisk counted them; a second import changes nothing;
 * broken lines are reported by number; followed files are read as they grow.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryImportIT {

    static final List<String> SCENARIOS = List.of("01-basic", "02-hold-ring", "03-caller-hangup", "04-abandon",
            "05-ring-no-answer", "06-pause", "07-sip-agent");
    /** The fixtures ran on 2026-11-22 between 07:25 and 07:32 UTC. */
    static final String DAY = "from=2026-11-22&to=2026-11-23";

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;
    Api admin;
    UUID op1001;
    UUID op1006;
    UUID opSip;
    byte[] fixtures;
    JsonNode first;

    @BeforeAll
    void importTheFixtures() throws IOException {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        op1001 = operator("op1001", "1001");
        operator("op1002", "1002");
        operator("op1003", "1003");
        operator("op1005", "1005");
        op1006 = operator("op1006", "1006");
        opSip = operator("opsip", "1007");
        StringBuilder all = new StringBuilder();
        for (String s : SCENARIOS) {
            all.append(fixture(s + "/queue_log.txt"));
        }
        fixtures = all.toString().getBytes(StandardCharsets.UTF_8);
        Api.Response started = admin.upload("/api/v1/history/imports?name=queue_log&agents="
                + URLEncoder.encode("{\"SIP Agent baresip\": \"1007\"}", StandardCharsets.UTF_8), "text/plain", fixtures);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.header("Location")).endsWith(started.json().get("id").asString());
        first = awaitEnd(started.json().get("id").asString());
    }

    @Test
    void everyCallAndWhatTheImportFoundIsReported() {
        assertThat(first.get("status").asString()).isEqualTo("done");
        assertThat(first.get("calls").asLong()).isEqualTo(6);
        assertThat(first.get("callsAlreadyStored").asLong()).isZero();
        assertThat(first.get("callsWithoutEnd").asLong()).isZero();
        assertThat(first.get("malformedLines").asLong()).isZero();
        assertThat(first.get("lines").asLong()).isEqualTo(32);
        assertThat(first.get("percent").asInt()).isEqualTo(100);
        JsonNode report = first.get("report");
        assertThat(report.get("queuesCreated")).hasSize(1);
        assertThat(report.get("queuesCreated").get(0).get("asterisk").asString()).isEqualTo("support");
        assertThat(report.get("agents").get("Agent 1001").get("matchedBy").asString()).isEqualTo("number in name");
        assertThat(report.get("agents").get("SIP Agent baresip").get("matchedBy").asString()).isEqualTo("mapping");
        assertThat(report.get("unmatchedAgents").isEmpty()).isTrue();
    }

    @Test
    void theReportsShowWhatAsteriskCounted() {
        // six calls: five answered (waits 0, 6, 0, 0 s; talks 3, 4, 5, 6 s … see the scenarios), two abandoned
        JsonNode s = admin.get("/api/v1/reports/summary?" + DAY).json().get("rows").get(0);
        assertThat(s.get("offered").asLong()).isEqualTo(6);
        assertThat(s.get("answered").asLong()).isEqualTo(4);
        assertThat(s.get("lost").asLong()).isEqualTo(2);

        JsonNode ops = admin.get("/api/v1/reports/operators?" + DAY).json().get("rows");
        JsonNode o1001 = byField(ops, "agentId", op1001.toString());
        assertThat(o1001.get("answered").asLong()).isEqualTo(1);
        assertThat(o1001.get("talkTotal").asLong()).isEqualTo(3);
        JsonNode sip = byField(ops, "agentId", opSip.toString());
        assertThat(sip.get("talkTotal").asLong()).isEqualTo(6);

        JsonNode lost = admin.get("/api/v1/reports/lost?" + DAY).json().get("rows");
        assertThat(lost).hasSize(2);
        assertThat(lost.findValuesAsString("caller")).containsExactlyInAnyOrder("5554000", "5555000");

        JsonNode answered = admin.get("/api/v1/reports/answered?" + DAY).json().get("rows");
        JsonNode held = byField(answered, "caller", "5552000");
        assertThat(held.get("wait").asLong()).isEqualTo(6);
        assertThat(held.get("talk").asLong()).isEqualTo(4);

        // the pause with reason "Break" (06-pause): 2 s paused between 1 s and 1 s free
        JsonNode agent = byField(admin.get("/api/v1/reports/agents?" + DAY).json().get("rows"), "agentId",
                op1006.toString());
        assertThat(agent.get("paused").asLong()).isEqualTo(2);
        assertThat(agent.get("loggedIn").asLong()).isEqualTo(4);
    }

    /**
     * TEL-4, ACD-10: an import stores the steps its legs do not hold as events (the ring without
     * an answer REP-8 counts, the abandon's position) and not again those its legs hold
     * (entering, connect, completion, timeout: docs/asterisk.md); the legs have their times and
     * figures, and REP-8's missed calls still come from the events.
     */
    @Test
    void eventsAreStoredOnlyWhereTheyTellMoreThanTheLegs() {
        List<Map<String, Object>> types = rows(acme,
                "select type, count(*) as n from call_events where tenant_id = ? group by type order by type", 1);
        assertThat(types).extracting(r -> r.get("type")).contains("ring_no_answer", "abandon")
                .doesNotContainAnyElementsOf(io.linia.acd.CallHistory.IN_LEGS);
        List<Map<String, Object>> legs = rows(acme, """
                select outcome, count(*) as n, count(entered_at) as entered, count(position) as positions,
                       count(connected_at) as connected, count(wait_ms) as waits, count(ended_at) as ended,
                       count(talk_ms) as talks
                  from call_legs where tenant_id = ? group by outcome order by outcome""", 1);
        for (Map<String, Object> l : legs) {
            long n = ((Number) l.get("n")).longValue();
            assertThat(List.of(l.get("entered"), l.get("positions"), l.get("waits"), l.get("ended")))
                    .as(l.toString()).allMatch(v -> ((Number) v).longValue() == n);
            if (l.get("outcome").equals("answered")) {
                assertThat(List.of(l.get("connected"), l.get("talks"))).as(l.toString())
                        .allMatch(v -> ((Number) v).longValue() == n);
            }
        }
        long missed = rows(acme, "select coalesce(sum(missed), 0) as m from report_agent_day_missed where tenant_id = ?", 1)
                .get(0).values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
        assertThat(missed).isEqualTo(rows(acme, "select count(*) as n from call_events where tenant_id = ?"
                + " and type = 'ring_no_answer'", 1).get(0).values().stream().mapToLong(v -> ((Number) v).longValue()).sum())
                .isPositive();
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        JsonNode before = admin.get("/api/v1/reports/summary?" + DAY).json().get("rows").get(0);
        long states = states();
        JsonNode again = awaitEnd(admin.upload("/api/v1/history/imports?name=again&agents="
                + URLEncoder.encode("{\"SIP Agent baresip\": \"1007\"}", StandardCharsets.UTF_8), "text/plain", fixtures)
                .json().get("id").asString());
        assertThat(again.get("calls").asLong()).isZero();
        assertThat(again.get("callsAlreadyStored").asLong()).isEqualTo(6);
        assertThat(again.get("stateIntervals").asLong()).isZero();
        assertThat(again.get("report").get("queuesCreated")).isEmpty();
        assertThat(admin.get("/api/v1/reports/summary?" + DAY).json().get("rows").get(0)).isEqualTo(before);
        assertThat(states()).isEqualTo(states);
    }

    @Test
    void anImportOverlappingAnEarlierOneAddsOnlyTheNewCallsAndTheRollupsStayTheLegsSums() {
        // one tenant imports every other call first, then the whole file; another the whole file once
        TestTenant twice = tenants.create();
        TestTenant once = tenants.create();
        List<String[]> lines = generatedDay(40);
        StringBuilder odd = new StringBuilder();
        StringBuilder all = new StringBuilder();
        for (String[] l : lines) {
            all.append(l[1]).append('\n');
            if (l[0] == null || Integer.parseInt(l[0]) % 2 == 1) {
                odd.append(l[1]).append('\n');
            }
        }
        Api first = adminWithOperators(twice);
        JsonNode half = awaitEnd(first, first.upload("/api/v1/history/imports?name=odd", "text/plain",
                odd.toString().getBytes(StandardCharsets.UTF_8)).json().get("id").asString());
        assertThat(half.get("calls").asLong()).isEqualTo(20);
        JsonNode whole = awaitEnd(first, first.upload("/api/v1/history/imports?name=all", "text/plain",
                all.toString().getBytes(StandardCharsets.UTF_8)).json().get("id").asString());
        assertThat(whole.get("calls").asLong()).isEqualTo(20);
        assertThat(whole.get("callsAlreadyStored").asLong()).isEqualTo(20);
        Api second = adminWithOperators(once);
        JsonNode single = awaitEnd(second, second.upload("/api/v1/history/imports?name=all", "text/plain",
                all.toString().getBytes(StandardCharsets.UTF_8)).json().get("id").asString());
        assertThat(single.get("calls").asLong()).isEqualTo(40);

        String facts = """
                select 'calls' as t, outcome as kind, count(*) as n from calls where tenant_id = ? group by outcome
                union all select 'legs', outcome || '/' || coalesce(ended_by, '-') || '/' || ring_no_answer, count(*)
                  from call_legs where tenant_id = ? group by 2
                union all select 'events', type, count(*) from call_events where tenant_id = ? group by type
                order by 1, 2""";
        assertThat(rows(twice, facts, 3)).isEqualTo(rows(once, facts, 3));
        for (TestTenant t : List.of(twice, once)) {
            List<Map<String, Object>> stored = rows(t, ROLLUPS, 3);
            assertThat(stored).isNotEmpty();
            Api.Response rebuilt = api.as(t.token(api, "admin")).post("/api/v1/reports/rollups/rebuild", null);
            assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
            assertThat(rows(t, ROLLUPS, 3)).as("the rollups an import wrote are the sums of its legs")
                    .isEqualTo(stored);
        }
    }

    @Test
    void brokenLinesAreReportedByNumberAndSkipped() {
        String log = String.join("\n",
                "1795400000|77.1|support|NONE|ENTERQUEUE||5559999|1",
                "this is not a queue_log line",
                "1795400003|77.1|support|Agent 1001|CONNECT|3|77.2|0",
                "tomorrow|77.1|support|Agent 1001|COMPLETECALLER|3|10|1",
                "1795400013|77.1|support|Agent 1001|COMPLETECALLER|3|10|1",
                "1795400014|77.3|support|NONE|SOMETHINGNEW|a|b", "");
        JsonNode done = awaitEnd(admin.upload("/api/v1/history/imports?name=broken", "text/plain",
                log.getBytes(StandardCharsets.UTF_8)).json().get("id").asString());
        assertThat(done.get("status").asString()).isEqualTo("done");
        assertThat(done.get("calls").asLong()).isEqualTo(1);
        assertThat(done.get("malformedLines").asLong()).isEqualTo(2);
        JsonNode lines = done.get("report").get("malformedLines");
        assertThat(lines.get(0).get("line").asLong()).isEqualTo(2);
        assertThat(lines.get(0).get("reason").asString()).contains("5 fields");
        assertThat(lines.get(1).get("line").asLong()).isEqualTo(4);
        assertThat(lines.get(1).get("reason").asString()).contains("Unix time");
        assertThat(done.get("report").get("unknownVerbs").get("SOMETHINGNEW").asLong()).isEqualTo(1);
    }

    @Test
    void aFollowedFileIsReadAsItGrowsAndCanBeStopped() throws IOException {
        Path dir = Path.of("target/test-history/allowed");
        Files.createDirectories(dir);
        Path file = dir.resolve("queue_log-" + UUID.randomUUID());
        Files.writeString(file, "1795500000|88.1|support|NONE|ENTERQUEUE||5551111|1\n"
                + "1795500002|88.1|support|Agent 1001|CONNECT|2|88.2|0\n");
        Api.Response started = admin.post("/api/v1/history/imports", Map.of("path", file.toString(), "follow", true));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().get("id").asString();
        JsonNode pass = await(id, v -> v.get("status").asString().equals("following") && v.get("lines").asLong() == 2);
        assertThat(pass.get("calls").asLong()).isZero(); // still talking

        // Asterisk appends the end of the call, half a line first
        Files.writeString(file, "1795500030|88.1|support|Agent 1001|COMPLETEAGENT|2|28|1\n1795500031|88.3|sup",
                StandardOpenOption.APPEND);
        // the call is held for another leg until queue_log time moves a minute past its end
        Files.writeString(file, "port|NONE|ENTERQUEUE||5552222|1\n1795500200|88.3|support|NONE|ABANDON|1|1|169\n",
                StandardOpenOption.APPEND);
        JsonNode grown = await(id, v -> v.get("lines").asLong() == 5 && v.get("calls").asLong() == 1
                && v.get("status").asString().equals("following"));
        assertThat(grown.get("malformedLines").asLong()).isZero();
        JsonNode talk = byField(admin.get("/api/v1/reports/answered?from=2026-11-24&to=2026-11-25").json().get("rows"),
                "caller", "5551111");
        assertThat(talk.get("talk").asLong()).isEqualTo(28);

        Api.Response stopped = admin.post("/api/v1/history/imports/" + id + "/stop", null);
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().get("status").asString()).isEqualTo("stopped");
        assertThat(admin.post("/api/v1/history/imports/" + id + "/stop", null).status()).isEqualTo(409);
    }

    @Test
    void badRequestsSayWhichField() {
        Api.Response empty = admin.upload("/api/v1/history/imports", "text/plain", new byte[0]);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.field()).isEqualTo("body");
        Api.Response badMap = admin.upload("/api/v1/history/imports?agents=notjson", "text/plain", fixtures);
        assertThat(badMap.status()).isEqualTo(422);
        assertThat(badMap.field()).isEqualTo("agents");
        Api.Response outside = admin.post("/api/v1/history/imports", Map.of("path", "/etc/passwd"));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.field()).isEqualTo("path");
        assertThat(outside.code()).isEqualTo("path_not_allowed");
        Api.Response missing = admin.post("/api/v1/history/imports",
                Map.of("path", "target/test-history/allowed/no-such-file"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.code()).isEqualTo("not_readable");
        assertThat(admin.get("/api/v1/history/imports/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void onlyAdministratorsImportAndAnotherTenantSeesNothing() {
        Api operator = api.as(acme.token(api, "op1001"));
        assertThat(operator.upload("/api/v1/history/imports", "text/plain", fixtures).status()).isEqualTo(403);
        TestTenant other = tenants.create();
        Api otherAdmin = api.as(other.token(api, "admin"));
        assertThat(otherAdmin.get("/api/v1/history/imports/" + first.get("id").asString()).status()).isEqualTo(404);
        assertThat(otherAdmin.get("/api/v1/history/imports").json().get("imports")).isEmpty();
        assertThat(otherAdmin.get("/api/v1/reports/summary?" + DAY).json().get("rows").get(0).get("offered").asLong())
                .isZero();
        assertThat(admin.get("/api/v1/history/imports").json().get("imports").size()).isGreaterThanOrEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    private UUID operator(String login, String extension) {
        UUID id = acme.user(login, "operator");
        Api.Response r = admin.patch("/api/v1/users/" + id, Map.of("extension", extension));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return id;
    }

    /** Every rollup row of a tenant, in a stable order (as RollupConsistencyIT compares them). */
    static final String ROLLUPS = String.join(" union all ", io.linia.acd.ReportFacts.ROLLUP_TABLES.stream().map(table ->
            "(select '" + table + "' as rollup, slot, queue_id, " + (table.equals("report_rollup_queue") ? "null::uuid"
                    : "agent_id") + " as agent_id, " + io.linia.acd.ReportFacts.MEASURE_COLUMNS + " from " + table
                    + " where tenant_id = ?)").toList()) + " order by 1, 2, 3, 4";

    private List<Map<String, Object>> rows(TestTenant t, String sql, int tenantParams) {
        Object[] params = java.util.Collections.nCopies(tenantParams, t.id().value()).toArray();
        return io.linia.platform.tenancy.TenantContext.as(t.id(), () -> jdbc.sql(sql).params(params).query().listOfRows());
    }

    /** An administrator's API of {@code t}, whose operators 2001…2003 answer the generated calls. */
    private Api adminWithOperators(TestTenant t) {
        Api a = api.as(t.token(api, "admin"));
        for (int i = 1; i <= 3; i++) {
            UUID id = t.user("op200" + i, "operator");
            assertThat(a.patch("/api/v1/users/" + id, Map.of("extension", "200" + i)).status()).isEqualTo(200);
        }
        return a;
    }

    /**
     * A day of queue_log in the order Asterisk writes it: {call index or null for agent lines, line}.
     * Answered calls, abandons, rings without an answer and transfers to a second queue.
     */
    private static List<String[]> generatedDay(int calls) {
        long base = 1_795_600_000L;
        List<Object[]> out = new java.util.ArrayList<>();
        for (int a = 1; a <= 3; a++) {
            out.add(new Object[] {base - 60, null, (base - 60) + "|MANAGER|support|PJSIP/200" + a + "|ADDMEMBER|"});
            out.add(new Object[] {base + 1800 + a, null, (base + 1800 + a) + "|NONE|support|PJSIP/200" + a + "|PAUSE|Lunch"});
            out.add(new Object[] {base + 2400 + a, null, (base + 2400 + a) + "|NONE|support|PJSIP/200" + a + "|UNPAUSE|"});
            out.add(new Object[] {base + 9000, null, (base + 9000) + "|MANAGER|support|PJSIP/200" + a + "|REMOVEMEMBER|"});
        }
        for (int i = 0; i < calls; i++) {
            long at = base + i * 97L;
            String id = at + "." + i;
            String agent = "PJSIP/200" + (1 + i % 3);
            long wait = 3 + i % 17;
            long talk = 20 + (i * 13) % 90;
            List<Object[]> c = new java.util.ArrayList<>();
            c.add(new Object[] {at, "ENTERQUEUE||555" + (1000 + i) + "|1", "support"});
            if (i % 5 == 0) {
                c.add(new Object[] {at + wait, "ABANDON|1|1|" + wait, "support", "NONE"});
            } else {
                if (i % 7 == 0) {
                    c.add(new Object[] {at + 1, "RINGNOANSWER|15000", "support", "PJSIP/200" + (1 + (i + 1) % 3)});
                }
                c.add(new Object[] {at + wait, "CONNECT|" + wait + "|" + id + "9|1", "support", agent});
                if (i % 11 == 1) {
                    long end = at + wait + talk;
                    c.add(new Object[] {end, "BLINDTRANSFER|401|from-queue|" + wait + "|" + talk + "|1", "support", agent});
                    c.add(new Object[] {end + 1, "ENTERQUEUE||555" + (1000 + i) + "|2", "sales"});
                    c.add(new Object[] {end + 4, "CONNECT|3|" + id + "8|1", "sales", "PJSIP/2003"});
                    c.add(new Object[] {end + 40, "COMPLETECALLER|3|36|2", "sales", "PJSIP/2003"});
                } else {
                    c.add(new Object[] {at + wait + talk, (i % 2 == 0 ? "COMPLETEAGENT|" : "COMPLETECALLER|") + wait + "|"
                            + talk + "|1", "support", agent});
                }
            }
            for (Object[] e : c) {
                String who = e.length > 3 ? (String) e[3] : "NONE";
                out.add(new Object[] {e[0], String.valueOf(i), e[0] + "|" + id + "|" + e[2] + "|" + who + "|" + e[1]});
            }
        }
        out.sort(java.util.Comparator.comparingLong(o -> (Long) o[0])); // stable: a call's lines keep their order
        return out.stream().map(o -> new String[] {(String) o[1], (String) o[2]}).toList();
    }

    private long states() {
        return io.linia.platform.tenancy.TenantContext.as(acme.id(), () -> jdbc.sql(
                "select count(*) from agent_state_log where tenant_id = ?").param(acme.id().value())
                .query(Long.class).single());
    }

    private JsonNode awaitEnd(String id) {
        return awaitEnd(admin, id);
    }

    private static JsonNode awaitEnd(Api as, String id) {
        return await(as, id, v -> !List.of("queued", "running").contains(v.get("status").asString()));
    }

    private JsonNode await(String id, java.util.function.Predicate<JsonNode> until) {
        return await(admin, id, until);
    }

    private static JsonNode await(Api admin, String id, java.util.function.Predicate<JsonNode> until) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode v = null;
        while (System.nanoTime() < deadline) {
            v = admin.get("/api/v1/history/imports/" + id).json();
            if (until.test(v)) {
                return v;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the import did not get there in 30 s: " + v);
    }

    private static JsonNode byField(JsonNode rows, String field, String value) {
        for (JsonNode r : rows) {
            if (r.has(field) && value.equals(r.get(field).asString())) {
                return r;
            }
        }
        throw new AssertionError("no row with " + field + " = " + value + " in " + rows);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = HistoryImportIT.class.getResourceAsStream("/fixtures/asterisk/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
