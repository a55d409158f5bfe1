package io.linia.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.time.VirtualScheduler;
import io.linia.telephony.sim.SimulatedSwitch;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo set-up (issue 3, item 8) gives a tenant queues, virtual agents and traffic that flows. */
@IntegrationTest
class DemoContactCenterIT {

    @Autowired
    DemoContactCenter demo;
    @Autowired
    TestTenants tenants;
    @Autowired
    io.linia.platform.time.Scheduler scheduler;
    @Autowired
    SimulatedSwitch sim;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoHistory history;
    @Autowired
    io.linia.reports.Reports reports;
    @Autowired
    java.time.Clock clock;
    @Autowired
    io.linia.customers.Customers customers;

    @Test
    void twoWeeksOfHistoryGiveTheReportsSomethingToShowOnce() {
        TestTenant t = tenants.create();
        TenantContext.as(t.id(), () -> demo.setUp(t.id()));
        sim.stopTraffic(t.id()); // the tests share virtual time: no traffic left running for the others
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Moscow");
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), zone);
        int legs = TenantContext.as(t.id(), () -> history.fill(t.id(), today, zone));
        assertThat(legs).isGreaterThan(5000);
        assertThat(TenantContext.as(t.id(), () -> history.fill(t.id(), today, zone))).as("only once").isZero();

        var request = TenantContext.as(t.id(), () -> reports.request(t.id(), today.minusDays(DemoHistory.DAYS).toString(),
                today.toString(), null, null, null, "day", null, null));
        var periods = TenantContext.as(t.id(), () -> reports.run(t.id(), "periods", request));
        assertThat(periods.rows()).hasSize(DemoHistory.DAYS);
        long total = periods.rows().stream().mapToLong(r -> (Long) r.get(1)).sum();
        assertThat(total).as("every leg counted once in the rollups").isEqualTo(legs);
        long busiest = periods.rows().stream().mapToLong(r -> (Long) r.get(1)).max().orElseThrow();
        long quietest = periods.rows().stream().mapToLong(r -> (Long) r.get(1)).min().orElseThrow();
        assertThat(busiest).as("weekdays are busier than weekends").isGreaterThan(2 * quietest);
        var agents = TenantContext.as(t.id(), () -> reports.run(t.id(), "agents", request));
        assertThat(agents.rows()).hasSize(6);
        assertThat(agents.rows()).allSatisfy(r -> assertThat((Long) r.get(5)).as("logged in").isPositive());
        var summary = TenantContext.as(t.id(), () -> reports.run(t.id(), "summary", request)).rows().get(0);
        assertThat((Long) summary.get(2)).as("lost").isPositive();
    }

    @Test
    void callsFlowThroughBothQueuesAndASecondRunChangesNothing() {
        TestTenant t = tenants.create();
        TenantContext.as(t.id(), () -> demo.setUp(t.id()));
        TenantContext.as(t.id(), () -> demo.setUp(t.id())); // a restart: nothing duplicated
        ((VirtualScheduler) scheduler).advance(Duration.ofMinutes(30));
        sim.stopTraffic(t.id());
        ((VirtualScheduler) scheduler).advance(Duration.ofMinutes(30));

        Map<String, Object> figures = TenantContext.as(t.id(), () -> jdbc.sql("""
                select count(*) filter (where outcome = 'answered') as answered,
                       count(distinct queue_id) as queues,
                       count(distinct agent_id) as agents,
                       (select count(*) from acd_queues where tenant_id = ?) as queue_rows,
                       (select count(*) from users where tenant_id = ? and login like 'virtual%') as virtual_users,
                       count(*) filter (where topic is not null) as through_ivr
                  from calls where tenant_id = ?
                """).params(t.id().value(), t.id().value(), t.id().value()).query().singleRow());
        assertThat((Long) figures.get("through_ivr")).isGreaterThan(5L);
        assertThat((Long) figures.get("answered")).isGreaterThan(40L);
        assertThat(figures.get("queues")).isEqualTo(2L);
        assertThat((Long) figures.get("agents")).isEqualTo(6L);
        assertThat(figures.get("queue_rows")).isEqualTo(2L);
        assertThat(figures.get("virtual_users")).isEqualTo(6L);

        // issue 7 "Done when": a share of the steady calls comes from the sample customers, whose cards match
        java.util.List<String> known = DemoCustomers.knownNumbers();
        Map<String, Object> callers = TenantContext.as(t.id(), () -> jdbc.sql("""
                select count(*) as total,
                       count(*) filter (where caller = any(?)) as known,
                       count(distinct caller) filter (where caller = any(?)) as distinct_known
                  from calls where tenant_id = ? and id not like 'demo-crm-%'
                """).params(known.toArray(String[]::new), known.toArray(String[]::new), t.id().value())
                .query().singleRow());
        long total = (Long) callers.get("total");
        long fromKnown = (Long) callers.get("known") - 3; // less the three callNow places once at start
        assertThat(fromKnown).as("about one in four of %s steady calls from a known customer", total)
                .isBetween(total / 8, total / 2);
        assertThat((Long) callers.get("distinct_known")).as("not always the same customer").isGreaterThan(3L);
        for (String number : known) {
            assertThat(TenantContext.as(t.id(), () -> customers.match(t.id(), number, null)))
                    .as("%s has a card", number).isNotEmpty();
        }
    }
}
