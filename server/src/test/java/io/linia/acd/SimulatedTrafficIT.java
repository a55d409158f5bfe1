package io.linia.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * TEL-5: a traffic profile with virtual callers and virtual agents runs an hour of virtual
 * time through the real ACD and storage; a second tenant with the same seed gets exactly
 * the same outcome, and every stored call is consistent with its events.
 */
@IntegrationTest
class SimulatedTrafficIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    record Outcome(Map<String, Long> byOutcome, long events) {
    }

    private Outcome runOneHour() {
        Api api = new Api(port);
        TestTenant t = tenants.create();
        Api admin = api.as(t.token(api, "admin"));
        String queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Support", "wrapUpSeconds", 5))
                .json().get("id").asString();
        for (int i = 1; i <= 3; i++) {
            UUID agent = t.user("virtual" + i, "operator");
            admin.patch("/api/v1/users/" + agent, Map.of("extension", "30" + i));
            assertThat(admin.put("/api/v1/queues/" + queue + "/members/" + agent, null).status()).isEqualTo(204);
        }
        Api.Response started = admin.post("/api/v1/sim/traffic", Map.of(
                "streams", List.of(Map.of("dialled", "100", "callsPerHour", 120, "meanPatienceSeconds", 120)),
                "virtualEndpoints", List.of("301", "302", "303"),
                "ringDelaySeconds", 2, "meanTalkSeconds", 75, "seed", 2026));
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        for (int minute = 0; minute < 60; minute++) {
            admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 60));
        }
        assertThat(admin.delete("/api/v1/sim/traffic").status()).isEqualTo(204);
        // let the calls in progress finish
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 3600));

        return TenantContext.as(t.id(), () -> {
            Map<String, Long> byOutcome = new java.util.TreeMap<>();
            jdbc.sql("select coalesce(outcome, 'open'), count(*) from calls where tenant_id = ? group by 1")
                    .param(t.id().value())
                    .query(rs -> {
                        byOutcome.put(rs.getString(1), rs.getLong(2));
                    });
            // every answered call has exactly one connect and one completion, every abandon one abandon event
            long inconsistent = jdbc.sql("""
                    select count(*) from calls c
                     where c.tenant_id = ? and (
                        (c.outcome = 'answered' and (select count(*) from call_events e where e.tenant_id = c.tenant_id
                             and e.call_id = c.id and e.type in ('connect', 'complete_agent', 'complete_caller')) <> 2)
                     or (c.outcome = 'abandoned' and (select count(*) from call_events e where e.tenant_id = c.tenant_id
                             and e.call_id = c.id and e.type = 'abandon') <> 1)
                     or (c.outcome = 'answered' and c.talk_ms is null))
                    """).param(t.id().value()).query(Long.class).single();
            assertThat(inconsistent).isZero();
            long events = jdbc.sql("select count(*) from call_events where tenant_id = ?").param(t.id().value())
                    .query(Long.class).single();
            return new Outcome(byOutcome, events);
        });
    }

    @Test
    void afterTheArrivalsStopTheVirtualAgentsStillAnswerAndFinishEveryCall() {
        Api api = new Api(port);
        TestTenant t = tenants.create();
        Api admin = api.as(t.token(api, "admin"));
        String queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Busy")).json().get("id").asString();
        UUID agent = t.user("virtual1", "operator");
        admin.patch("/api/v1/users/" + agent, Map.of("extension", "301"));
        admin.put("/api/v1/queues/" + queue + "/members/" + agent, null);
        // one agent, callers who never give up: a line builds up
        admin.post("/api/v1/sim/traffic", Map.of("streams", List.of(Map.of("dialled", "100", "callsPerHour", 600)),
                "virtualEndpoints", List.of("301"), "ringDelaySeconds", 1, "meanTalkSeconds", 30, "seed", 5));
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 300));
        admin.delete("/api/v1/sim/traffic");
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 7200));
        admin = api.as(t.token(api, "admin")); // two idle hours ended the admin's token (SEC-4)
        var stats = admin.get("/api/v1/sim/stats").json();
        assertThat(stats.get("active").asLong()).isZero();
        long answered = TenantContext.as(t.id(), () -> jdbc.sql(
                "select count(*) from calls where tenant_id = ? and outcome = 'answered'")
                .param(t.id().value()).query(Long.class).single());
        assertThat(answered).isEqualTo(stats.get("placed").asLong()).isGreaterThan(20);
    }

    @Test
    void anHourOfTrafficFlowsThroughTheAcdAndRepeatsExactlyForTheSameSeed() {
        Outcome first = runOneHour();
        long total = first.byOutcome().values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isBetween(80L, 170L);
        assertThat(first.byOutcome()).containsKey("answered").doesNotContainKey("open");
        assertThat(first.byOutcome().get("answered")).isGreaterThan(total / 2);

        Outcome second = runOneHour();
        assertThat(second).isEqualTo(first);
    }

    /** Issue 7: a stream takes its share of callers from known numbers (the demo's customers); the share is 0–1. */
    @Test
    void aStreamTakesItsShareOfCallersFromTheKnownNumbers() {
        Api api = new Api(port);
        TestTenant t = tenants.create();
        Api admin = api.as(t.token(api, "admin"));
        admin.post("/api/v1/queues", Map.of("number", "100", "name", "Known"));
        Api.Response bad = admin.post("/api/v1/sim/traffic", Map.of("streams", List.of(Map.of("dialled", "100",
                "callsPerHour", 600, "knownCallers", List.of("+74951234567"), "knownCallerShare", 1.5))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.toString()).contains("knownCallerShare");

        List<String> known = List.of("+74951234567", "+79161234568");
        Api.Response started = admin.post("/api/v1/sim/traffic", Map.of("streams", List.of(
                Map.of("dialled", "100", "callsPerHour", 600, "meanPatienceSeconds", 5,
                        "knownCallers", known, "knownCallerShare", 1),
                Map.of("dialled", "101", "callsPerHour", 600, "meanPatienceSeconds", 5)), "seed", 7));
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().get("streams").get(0).get("knownCallers").size()).isEqualTo(2);
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 300));
        admin.delete("/api/v1/sim/traffic");
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 60));
        Map<String, Object> callers = TenantContext.as(t.id(), () -> jdbc.sql("""
                select count(*) filter (where dialled = '100') as to_queue,
                       count(*) filter (where dialled = '100' and caller = any(?)) as known,
                       count(distinct caller) filter (where dialled = '100') as distinct_callers
                  from calls where tenant_id = ?""").params(known.toArray(String[]::new), t.id().value())
                .query().singleRow());
        assertThat((Long) callers.get("to_queue")).isGreaterThan(20L);
        assertThat(callers.get("known")).as("every call to 100 from a known number").isEqualTo(callers.get("to_queue"));
        assertThat(callers.get("distinct_callers")).isEqualTo(2L);
    }
}
