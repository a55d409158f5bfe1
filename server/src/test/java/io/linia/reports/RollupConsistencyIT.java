package io.linia.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * REP-11: the rollups the ACD keeps leg by leg give the same figures as the legs themselves,
 * on two hours of generated traffic through the real ACD (answers and abandons in one queue,
 * rings without an answer and abandons in the other), for every grouping and for ranges that cut quarter-hours; and a rebuild
 * from the legs writes exactly the rollups the ACD wrote.
 */
@IntegrationTest
class RollupConsistencyIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    Reports reports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    java.time.Clock clock;

    @Test
    void rollupsAgreeWithTheLegsAndARebuildWritesTheSameRows() {
        Api api = new Api(port);
        TestTenant t = tenants.create();
        Api admin = api.as(t.token(api, "admin"));
        List<String> endpoints = new java.util.ArrayList<>();
        List<UUID> agents = new java.util.ArrayList<>();
        for (String number : List.of("100", "200")) {
            String queue = admin.post("/api/v1/queues", Map.of("number", number, "name", "Queue " + number,
                    "serviceLevelSeconds", 20,
                    // queue 200 rings out before the virtual agents pick up (3 s): rings without an answer
                    "ringTimeoutSeconds", number.equals("100") ? 8 : 2, "pauseOnNoAnswer", false)).json().get("id").asString();
            for (int i = 1; i <= 3; i++) {
                String extension = number.charAt(0) + "0" + i;
                UUID agent = t.user("agent" + extension, "operator");
                admin.patch("/api/v1/users/" + agent, Map.of("extension", extension));
                assertThat(admin.put("/api/v1/queues/" + queue + "/members/" + agent, null).status()).isEqualTo(204);
                endpoints.add(extension);
                agents.add(agent);
            }
        }
        Instant start = clock.instant();
        // busy enough for waits and abandons; a ring delay that sometimes outlasts the ring time-out
        admin.post("/api/v1/sim/traffic", Map.of("streams", List.of(
                        Map.of("dialled", "100", "callsPerHour", 150, "meanPatienceSeconds", 60),
                        Map.of("dialled", "200", "callsPerHour", 90, "meanPatienceSeconds", 90)),
                "virtualEndpoints", endpoints, "ringDelaySeconds", 3, "meanTalkSeconds", 100, "seed", 11));
        for (int minute = 0; minute < 120; minute++) {
            admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 60));
        }
        admin.delete("/api/v1/sim/traffic");
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 1800));
        Instant end = clock.instant();

        ZoneId zone = ZoneId.of("Europe/Moscow");
        Instant from = start.truncatedTo(ChronoUnit.HOURS);
        Instant to = end.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant dayStart = from.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        List<ReportRequest> ranges = List.of(
                request(from, to, zone, List.of()),                               // whole quarter-hours
                request(from.plusSeconds(7 * 60 + 13), to.minusSeconds(11 * 60 + 5), zone, List.of()), // ragged edges
                request(dayStart, dayStart.plus(2, ChronoUnit.DAYS), zone, List.of()), // whole days (daily rollup)
                request(dayStart.minusSeconds(90), dayStart.plus(2, ChronoUnit.DAYS), zone, agents.subList(0, 2)));
        long legs = TenantContext.as(t.id(), () -> jdbc.sql("select count(*) from call_legs where tenant_id = ?")
                .param(t.id().value()).query(Long.class).single());
        assertThat(legs).as("traffic flowed").isGreaterThan(300);
        for (ReportRequest r : ranges) {
            for (String key : java.util.Arrays.asList(null, "queue_id", "agent_id",
                    "date_trunc('hour', slot at time zone 'Europe/Moscow')",
                    "date_trunc('day', slot at time zone 'Europe/Moscow')")) {
                Map<Object, Figures> fromRollups = TenantContext.as(t.id(), () -> reports.aggregate(t.id(), r, key, false));
                Map<Object, Figures> fromLegs = TenantContext.as(t.id(), () -> reports.aggregate(t.id(), r, key, true));
                assertThat(fromRollups.keySet()).as("groups by %s", key).isEqualTo(fromLegs.keySet());
                fromRollups.forEach((k, f) -> assertThat(f).usingRecursiveComparison()
                        .as("figures of %s = %s", key, k).isEqualTo(fromLegs.get(k)));
            }
        }
        // REP-8: an operator paused for three days (a forgotten pause) crosses the ragged start of the last range
        TenantContext.as(t.id(), () -> jdbc.sql("insert into agent_state_log (tenant_id, user_id, state, reason, started_at,"
                        + " ended_at) values (?, ?, 'PAUSED', 'forgotten', ?, ?)")
                .params(t.id().value(), agents.get(0), java.sql.Timestamp.from(dayStart.minus(2, ChronoUnit.DAYS)),
                        java.sql.Timestamp.from(dayStart.plus(1, ChronoUnit.DAYS))).update());
        for (ReportRequest r : ranges) {
            assertAgentDaysAgreeWithTheLogs(t, r);
        }
        Figures all = TenantContext.as(t.id(), () -> reports.aggregate(t.id(), ranges.get(0), null)).get(null);
        assertThat(all.answered()).isPositive();
        assertThat(all.abandoned()).isPositive();
        assertThat(all.ringNoAnswer()).isPositive();

        String snapshot = String.join(" union all ", io.linia.acd.ReportFacts.ROLLUP_TABLES.stream().map(table ->
                "(select '" + table + "' as rollup, slot, queue_id, " + (table.equals("report_rollup_queue") ? "null::uuid"
                        : "agent_id") + " as agent_id, " + io.linia.acd.ReportFacts.MEASURE_COLUMNS + " from " + table
                        + " where tenant_id = ?)").toList()) + " order by 1, 2, 3, 4";
        Object[] tenantThrice = {t.id().value(), t.id().value(), t.id().value()};
        List<Map<String, Object>> before = TenantContext.as(t.id(), () -> jdbc.sql(snapshot).params(tenantThrice)
                .query().listOfRows());
        assertThat(before.stream().map(row -> row.get("rollup")).distinct()).hasSize(3);
        admin = api.as(t.token(api, "admin")); // the half hour of draining ended the idle session (SEC-4)
        Api.Response rebuilt = admin.post("/api/v1/reports/rollups/rebuild", null);
        assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
        assertThat(rebuilt.json().get("legs").asLong()).isEqualTo(legs);
        List<Map<String, Object>> after = TenantContext.as(t.id(), () -> jdbc.sql(snapshot).params(tenantThrice)
                .query().listOfRows());
        assertThat(after).hasSize(before.size());
        for (int i = 0; i < before.size(); i++) {
            assertThat(normalized(after.get(i))).as("rollup row %d", i).isEqualTo(normalized(before.get(i)));
        }
    }

    @Test
    void aNewTimeZoneRebuildsTheDailyRollupsOnTheNewDays() {
        Api api = new Api(port);
        TestTenant t = tenants.create(); // Europe/Moscow
        Api admin = api.as(t.token(api, "admin"));
        String queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Q")).json().get("id").asString();
        UUID agent = t.user("op", "operator");
        admin.patch("/api/v1/users/" + agent, Map.of("extension", "201"));
        admin.put("/api/v1/queues/" + queue + "/members/" + agent, null);
        Api op = api.as(t.token(api, "op"));
        for (int i = 0; i < 3; i++) {
            String call = admin.post("/api/v1/sim/calls", Map.of("caller", "+7495000000" + i, "dialled", "100"))
                    .json().get("callId").asString();
            op.post("/api/v1/agent/calls/" + call + "/answer", null);
            admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 5 * 3600)); // five hours apart: several days
            op.post("/api/v1/agent/calls/" + call + "/hangup", null);
            admin = api.as(t.token(api, "admin"));
            op = api.as(t.token(api, "op"));
        }
        String slots = "select distinct slot from report_rollup_day where tenant_id = ?";
        assertThat(localTimes(t, slots, "Europe/Moscow")).containsOnly(java.time.LocalTime.MIDNIGHT);

        Api provider = api.as(TestTenants.providerToken(api));
        Api.Response changed = provider.patch("/api/v1/tenants/" + t.id().value(), Map.of("timeZone", "Asia/Vladivostok"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        // the rebuild runs after the change, in the background
        awaitRollupsOf(t, "Asia/Vladivostok");
        assertThat(localTimes(t, slots, "Asia/Vladivostok")).containsOnly(java.time.LocalTime.MIDNIGHT);
        ZoneId zone = ZoneId.of("Asia/Vladivostok");
        Instant day = clock.instant().atZone(zone).toLocalDate().minusDays(3).atStartOfDay(zone).toInstant();
        ReportRequest r = new ReportRequest(day, day.plus(5, ChronoUnit.DAYS), zone, List.of(), List.of(), null,
                ReportRequest.Grouping.DAY, null, 100);
        String byDay = "date_trunc('day', slot at time zone 'Asia/Vladivostok')";
        Map<Object, Figures> fromRollups = TenantContext.as(t.id(), () -> reports.aggregate(t.id(), r, "agent_id", false));
        Map<Object, Figures> fromLegs = TenantContext.as(t.id(), () -> reports.aggregate(t.id(), r, "agent_id", true));
        assertThat(fromRollups.get(agent).answered()).isEqualTo(3);
        assertThat(fromRollups.get(agent)).usingRecursiveComparison().isEqualTo(fromLegs.get(agent));
        assertThat(TenantContext.as(t.id(), () -> reports.aggregate(t.id(), r, byDay, false)).keySet())
                .isEqualTo(TenantContext.as(t.id(), () -> reports.aggregate(t.id(), r, byDay, true)).keySet());
        // the operators' days (REP-8) follow the new zone too: each day of the new zone on its own
        assertAgentDaysAgreeWithTheLogs(t, r);
        for (int d = 0; d < 5; d++) {
            Instant dayFrom = day.plus(d, ChronoUnit.DAYS);
            assertAgentDaysAgreeWithTheLogs(t, new ReportRequest(dayFrom, dayFrom.plus(1, ChronoUnit.DAYS), zone, List.of(),
                    List.of(), null, ReportRequest.Grouping.DAY, null, 100), false);
        }
        assertThat(TenantContext.as(t.id(), () -> jdbc.sql("select count(*) from report_agent_day_states where tenant_id = ?")
                .param(t.id().value()).query(Long.class).single())).isPositive();
    }

    @Test
    void aNodeThatStoppedMidRebuildRebuildsOnStart() {
        Api api = new Api(port);
        TestTenant t = tenants.create();
        Api admin = api.as(t.token(api, "admin"));
        String queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Q")).json().get("id").asString();
        UUID agent = t.user("op", "operator");
        admin.patch("/api/v1/users/" + agent, Map.of("extension", "201"));
        admin.put("/api/v1/queues/" + queue + "/members/" + agent, null);
        Api op = api.as(t.token(api, "op"));
        String call = admin.post("/api/v1/sim/calls", Map.of("caller", "+74950000001", "dialled", "100"))
                .json().get("callId").asString();
        op.post("/api/v1/agent/calls/" + call + "/answer", null);
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 60));
        op.post("/api/v1/agent/calls/" + call + "/hangup", null);
        // the zone changed (recorded before commit as a change does), and the node stopped before the
        // rebuild ended: rollups and record still say Moscow
        TenantContext.asSystem(() -> {
            jdbc.sql("insert into report_rollup_zones (tenant_id, time_zone) values (?, 'Europe/Moscow')")
                    .param(t.id().value()).update();
            return jdbc.sql("update tenants set time_zone = 'Asia/Tokyo' where id = ?").param(t.id().value()).update();
        });
        maintenance.catchUp();
        awaitRollupsOf(t, "Asia/Tokyo");
        assertThat(localTimes(t, "select distinct slot from report_rollup_day where tenant_id = ?", "Asia/Tokyo"))
                .containsOnly(java.time.LocalTime.MIDNIGHT);
    }

    @Autowired
    ReportMaintenance maintenance;

    private void awaitRollupsOf(TestTenant t, String zone) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String built = null;
        while (System.nanoTime() < deadline) {
            built = TenantContext.as(t.id(), () -> jdbc.sql("select time_zone from report_rollup_zones where tenant_id = ?")
                    .param(t.id().value()).query(String.class).optional().orElse(null));
            if (zone.equals(built)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the rollups were not rebuilt for " + zone + " in 60 s: " + built);
    }

    /** REP-8's daily rollups plus ragged ends give what the logs say straight (time per state, missed rings). */
    private void assertAgentDaysAgreeWithTheLogs(TestTenant t, ReportRequest r) {
        assertAgentDaysAgreeWithTheLogs(t, r, true);
    }

    private void assertAgentDaysAgreeWithTheLogs(TestTenant t, ReportRequest r, boolean worked) {
        Instant now = clock.instant();
        Reports.AgentDays days = Reports.AgentDays.of(r, now);
        Map<UUID, Map<String, Long>> states = TenantContext.as(t.id(), () -> reports.stateTimes(t.id(), r, days));
        Map<UUID, Long> missed = TenantContext.as(t.id(), () -> reports.missed(t.id(), r, days));
        java.sql.Timestamp until = java.sql.Timestamp.from(now.isBefore(r.to()) ? now : r.to());
        String agents = r.agents().isEmpty() ? "" : " and user_id = any(?)";
        List<Object> params = new java.util.ArrayList<>(List.of(until, java.sql.Timestamp.from(r.to()),
                java.sql.Timestamp.from(r.from()), t.id().value(), java.sql.Timestamp.from(r.to()), until,
                java.sql.Timestamp.from(r.from())));
        if (!r.agents().isEmpty()) {
            params.add(r.agents().toArray(UUID[]::new));
        }
        Map<UUID, Map<String, Long>> expected = new java.util.HashMap<>();
        TenantContext.as(t.id(), () -> {
            jdbc.sql("select user_id, state, sum(extract(epoch from (least(coalesce(ended_at, ?), ?)"
                            + " - greatest(started_at, ?))) * 1000)::bigint from agent_state_log"
                            + " where tenant_id = ? and started_at < ? and coalesce(ended_at, ?) > ? and state <> 'OFFLINE'"
                            + agents + " group by user_id, state").params(params)
                    .query(rs -> {
                        if (rs.getLong(3) > 0) {
                            expected.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.HashMap<>())
                                    .put(rs.getString(2), rs.getLong(3));
                        }
                    });
            return null;
        });
        Map<UUID, Map<String, Long>> actual = new java.util.HashMap<>();
        states.forEach((u, m) -> m.forEach((state, ms) -> {
            if (ms > 0) {
                actual.computeIfAbsent(u, k -> new java.util.HashMap<>()).put(state, ms);
            }
        }));
        assertThat(actual).as("time per state %s..%s", r.from(), r.to()).isEqualTo(expected);
        if (worked) {
            assertThat(expected).as("operators worked in %s..%s", r.from(), r.to()).isNotEmpty();
        }

        List<Object> missedParams = new java.util.ArrayList<>(List.of(t.id().value(), java.sql.Timestamp.from(r.from()),
                java.sql.Timestamp.from(r.to())));
        if (!r.agents().isEmpty()) {
            missedParams.add(r.agents().toArray(UUID[]::new));
        }
        Map<UUID, Long> expectedMissed = new java.util.HashMap<>();
        TenantContext.as(t.id(), () -> {
            jdbc.sql("select agent_id, count(*) from call_events where tenant_id = ? and type = 'ring_no_answer'"
                            + " and at >= ? and at < ?" + (r.agents().isEmpty() ? "" : " and agent_id = any(?)")
                            + " group by agent_id").params(missedParams)
                    .query(rs -> {
                        expectedMissed.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    });
            return null;
        });
        assertThat(missed).as("missed %s..%s", r.from(), r.to()).isEqualTo(expectedMissed);
    }

    private List<java.time.LocalTime> localTimes(TestTenant t, String sql, String zone) {
        return TenantContext.as(t.id(), () -> jdbc.sql(sql).param(t.id().value()).query(java.sql.Timestamp.class).list())
                .stream().map(ts -> ts.toInstant().atZone(ZoneId.of(zone)).toLocalTime()).toList();
    }

    private static ReportRequest request(Instant from, Instant to, ZoneId zone, List<UUID> agents) {
        return new ReportRequest(from, to, zone, List.of(), agents, null, ReportRequest.Grouping.DAY, null, 100);
    }

    /** SQL arrays compare by content. */
    private static Map<String, Object> normalized(Map<String, Object> row) {
        Map<String, Object> out = new java.util.TreeMap<>();
        row.forEach((k, v) -> {
            try {
                out.put(k, v instanceof java.sql.Array a ? List.of((Object[]) a.getArray()) : v);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return out;
    }
}
