package io.linia.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.requests.Actor;
import io.linia.requests.RequestPage;
import io.linia.requests.RequestQuery;
import io.linia.requests.Requests;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo tenant's sample project and requests (issue 6) are made once, in several statuses. */
@IntegrationTest
class DemoRequestsIT {

    @Autowired
    DemoRequests demo;
    @Autowired
    TestTenants tenants;
    @Autowired
    Requests requests;

    @Test
    void theSampleProjectAndRequestsAreCreatedOnce() {
        TestTenant t = tenants.create();
        assertThat(TenantContext.as(t.id(), () -> demo.setUp(t.id()))).isEqualTo(8);
        assertThat(TenantContext.as(t.id(), () -> demo.setUp(t.id()))).as("only once").isZero();
        RequestPage page = TenantContext.as(t.id(), () -> requests.search(t.id(),
                new RequestQuery(null, null, null, null, null, null, null, 50, null), new Actor(null, "test", false, true)));
        assertThat(page.total()).isEqualTo(8);
        Map<String, Long> statuses = page.facets().get("status").stream()
                .collect(Collectors.toMap(RequestPage.Facet::value, RequestPage.Facet::count));
        assertThat(statuses).containsEntry("closed", 1L).containsEntry("in_work", 2L).containsEntry("new", 2L)
                .containsEntry("done", 2L).containsEntry("waiting", 1L);
        RequestPage snow = TenantContext.as(t.id(), () -> requests.search(t.id(),
                new RequestQuery("заявки", null, null, null, null, null, null, 50, null), new Actor(null, "test", false, true)));
        assertThat(snow.items()).extracting(r -> r.subject()).containsExactly("Заявка на уборку снега во дворе");
    }
}
