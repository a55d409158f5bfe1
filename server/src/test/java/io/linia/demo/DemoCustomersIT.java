package io.linia.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.customers.CustomerSummary;
import io.linia.customers.CustomerTimeline;
import io.linia.customers.Customers;
import io.linia.platform.tenancy.TenantContext;
import io.linia.telephony.sim.SimulatedSwitch;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo tenant's sample customers (issue 6): cards, their past calls on the timeline, live calls that match. */
@IntegrationTest
class DemoCustomersIT {

    @Autowired
    DemoContactCenter demo;
    @Autowired
    TestTenants tenants;
    @Autowired
    SimulatedSwitch sim;
    @Autowired
    Customers customers;
    @Autowired
    CustomerTimeline timeline;

    @Test
    void sampleCardsHaveCallsOnTheirTimelineAndLiveCallsFindThem() {
        TestTenant t = tenants.create();
        TenantContext.as(t.id(), () -> demo.setUp(t.id()));
        List<SimulatedSwitch.SimCall> live = TenantContext.as(t.id(), () -> sim.calls(t.id()));
        TenantContext.as(t.id(), () -> demo.setUp(t.id())); // a restart: no second set of cards
        sim.stopTraffic(t.id());

        var page = TenantContext.as(t.id(), () -> customers.search(t.id(), null, 200, null));
        assertThat(page.items()).hasSize(15);
        CustomerSummary ivanov = TenantContext.as(t.id(), () -> customers.byPhone(t.id(), "84951234567")).get(0);
        assertThat(ivanov.displayName()).isEqualTo("Иванов Иван Петрович");
        var calls = TenantContext.as(t.id(), () -> timeline.page(t.id(), ivanov.id(), 50, null));
        assertThat(calls.items()).hasSize(2);
        assertThat(calls.items().get(0).details().get("outcome")).isEqualTo("answered");
        assertThat(calls.items().get(0).details().get("queueName")).isEqualTo("Справочная / Information");

        assertThat(live).as("sample customers calling now").hasSizeGreaterThanOrEqualTo(3);
        long matched = live.stream().filter(c -> !TenantContext.as(t.id(), () -> customers.byPhone(t.id(), c.caller()))
                .isEmpty()).count();
        assertThat(matched).isGreaterThanOrEqualTo(3);
    }
}
