package io.linia.requests.internal;

import static io.linia.requests.RequestFixtures.complaint;
import static io.linia.requests.RequestFixtures.configure;
import static io.linia.requests.RequestFixtures.create;
import static io.linia.requests.RequestFixtures.project;
import static io.linia.requests.RequestFixtures.setup;
import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.time.MutableClock;
import io.linia.platform.time.Scheduler;
import io.linia.platform.time.VirtualScheduler;
import io.linia.requests.Requests;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.Race;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * CASE-3 durable SLA escalation: sweeps built here on schedulers of their own stand for a
 * restarted node (nothing in memory but what the table holds) and for two nodes claiming at
 * once. The application's own sweep only runs when its virtual scheduler is advanced, which these
 * tests do not do unless they say so.
 */
@IntegrationTest
class SlaSweepIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    Scheduler scheduler;
    @Autowired
    ObjectProvider<Requests> requests;
    @Autowired
    PlatformTransactionManager transactions;

    Api api;

    /** A tenant with a project whose complaints must be reacted to in 30 min and resolved in 120. */
    record Desk(TestTenant tenant, String projectId, Api api) {

        /** The operator, signed in afresh (tokens lapse over hours of virtual time). */
        Api op() {
            return api.as(tenant.token(api, "op"));
        }
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private Desk desk() {
        TestTenant t = tenants.create();
        UUID pm = t.user("pm", "project_manager");
        UUID op = t.user("op", "operator");
        Api asPm = api.as(t.token(api, "pm"));
        String project = project(asPm, "HOT", pm);
        configure(asPm, project, setup(List.of(), List.of(op)));
        return new Desk(t, project, api);
    }

    private SlaSweep sweep(VirtualScheduler on, int batchSize) {
        // a long interval: whatever this sweep finds on time, it found through the stored deadlines
        return new SlaSweep(on, requests, jdbc, transactions, new SlaProperties(Duration.ofHours(6), batchSize));
    }

    private long overdue(Desk d, String requestId) {
        return TenantContext.as(d.tenant().id(), () -> jdbc.sql("""
                        select count(*) from request_history where tenant_id = ? and request_id = ? and action = 'overdue'""")
                .params(d.tenant().id().value(), UUID.fromString(requestId)).query(Long.class).single());
    }

    private long overdueEverywhere() {
        return TenantContext.asSystem(() -> jdbc.sql("select count(*) from request_history where action = 'overdue'")
                .query(Long.class).single());
    }

    @Test
    void aRestartedNodeFindsTheDeadlinesInTheTableAndEscalatesEachOnce() {
        Desk d = desk();
        String id = create(d.op(), complaint(d.projectId(), "После перезапуска", Map.of("amount", 1)));
        clock.advance(Duration.ofMinutes(31)); // the reaction deadline passes while no sweep runs (the node is "down")
        assertThat(overdue(d, id)).isZero();

        VirtualScheduler restarted = new VirtualScheduler(clock);
        SlaSweep sweep = sweep(restarted, 200);
        sweep.start();
        restarted.runDue();
        assertThat(overdue(d, id)).isEqualTo(1);
        JsonNode sla = d.op().get("/api/v1/requests/" + id).json().get("sla");
        assertThat(sla.get("reactionOverdueAt").isNull()).isFalse();
        assertThat(sla.get("resolutionOverdueAt").isNull()).isTrue();

        // its next wake-up is the resolution deadline read from the table (120 min after registration)
        restarted.advance(Duration.ofMinutes(89));
        assertThat(overdue(d, id)).isEqualTo(2);
        JsonNode history = d.op().get("/api/v1/requests/" + id + "/history").json();
        assertThat(history.get(history.size() - 1).get("changes").get(0).get("field").asString()).isEqualTo("sla.resolution");
        assertThat(history.get(history.size() - 1).get("actorName").asString()).isEqualTo("system");

        // the old node's sweep (the application's, woken for this request's deadlines) finds nothing left
        ((VirtualScheduler) scheduler).advance(Duration.ofMinutes(1));
        sweep.sweepDue();
        assertThat(overdue(d, id)).isEqualTo(2);
    }

    @Test
    void twoNodesSweepingAtOnceEscalateEachDeadlineExactlyOnce() throws Exception {
        Desk d = desk();
        List<String> ids = new ArrayList<>();
        Api op = d.op();
        for (int i = 0; i < 40; i++) {
            ids.add(create(op, complaint(d.projectId(), "Заявка " + i, Map.of("amount", i))));
        }
        clock.advance(Duration.ofMinutes(31));
        long before = overdueEverywhere();

        SlaSweep one = sweep(new VirtualScheduler(clock), 3);
        SlaSweep two = sweep(new VirtualScheduler(clock), 3);
        int escalated = Race.sum(one::sweepDue, two::sweepDue);
        // every escalation either node reports is one history entry, and none is missing or doubled
        assertThat(overdueEverywhere() - before).isEqualTo(escalated);
        assertThat(escalated).isGreaterThanOrEqualTo(ids.size());
        for (String id : ids) {
            assertThat(overdue(d, id)).as(id).isEqualTo(1);
        }
        assertThat(one.sweepDue() + two.sweepDue()).as("nothing left").isZero();
    }

    @Test
    void eachTenantsDeadlinesEscalateInThatTenantOnly() {
        Desk a = desk();
        Desk b = desk();
        String ofA = create(a.op(), complaint(a.projectId(), "Жалоба A", Map.of("amount", 1)));
        clock.advance(Duration.ofMinutes(10));
        String ofB = create(b.op(), complaint(b.projectId(), "Жалоба B", Map.of("amount", 1)));
        clock.advance(Duration.ofMinutes(21)); // A's reaction deadline has passed, B's has not

        SlaSweep sweep = sweep(new VirtualScheduler(clock), 200);
        sweep.sweepDue();
        assertThat(overdue(a, ofA)).isEqualTo(1);
        assertThat(overdue(b, ofB)).isZero();
        assertThat(b.op().get("/api/v1/requests/" + ofB).json().get("sla").get("reactionOverdueAt").isNull()).isTrue();

        clock.advance(Duration.ofMinutes(10));
        sweep.sweepDue();
        assertThat(overdue(b, ofB)).isEqualTo(1);
        assertThat(overdue(a, ofA)).isEqualTo(1);
        // the entries are each tenant's own: the other tenant sees neither the request nor its history
        assertThat(a.op().get("/api/v1/requests/" + ofB).status()).isEqualTo(404);
        assertThat(a.op().get("/api/v1/requests/" + ofB + "/history").status()).isEqualTo(404);
        assertThat(b.op().get("/api/v1/requests/" + ofA + "/history").status()).isEqualTo(404);
        assertThat(TenantContext.as(b.tenant().id(), () -> jdbc.sql(
                        "select count(*) from request_history where request_id = ? and action = 'overdue'")
                .param(UUID.fromString(ofA)).query(Long.class).single()))
                .as("under B's row-level security, A's escalation is invisible").isZero();
        // and each escalation's notification to the managers is its own tenant's, written once
        assertThat(overdueMailTenants(ofA)).containsExactly(a.tenant().id().value());
        assertThat(overdueMailTenants(ofB)).containsExactly(b.tenant().id().value());
    }

    private List<UUID> overdueMailTenants(String requestId) {
        return TenantContext.asSystem(() -> jdbc.sql(
                        "select tenant_id from request_notifications where request_id = ? and event = 'overdue'")
                .param(UUID.fromString(requestId)).query(UUID.class).list());
    }
}
