package io.linia.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.telephony.sim.SimulatedSwitch;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The demo knowledge base (issue 6): topics and published articles tied to the demo queues and IVR, found by search. */
@IntegrationTest
class DemoKnowledgeBaseIT {

    @LocalServerPort
    int port;
    @Autowired
    DemoContactCenter contactCenter;
    @Autowired
    DemoKnowledgeBase knowledgeBase;
    @Autowired
    DemoRequests requests;
    @Autowired
    SimulatedSwitch sim;
    @Autowired
    TestTenants tenants;

    @Test
    void theDemoHasArticlesForItsQueuesAndIvrAndStaffOnlyRegulationsAndASecondRunChangesNothing() {
        TestTenant t = tenants.create();
        t.user("op", "operator");
        t.user("boss", "customer");
        t.user("fixer", "executor");
        TenantContext.as(t.id(), () -> contactCenter.setUp(t.id()));
        sim.stopTraffic(t.id()); // the tests share virtual time: no traffic left running for the others
        TenantContext.as(t.id(), () -> requests.setUp(t.id())); // as at start: its request types come first
        assertThat(TenantContext.as(t.id(), () -> knowledgeBase.setUp(t.id()))).isEqualTo(6);
        assertThat(TenantContext.as(t.id(), () -> knowledgeBase.setUp(t.id()))).as("only once").isZero();

        Api api = new Api(port);
        Api op = api.as(t.token(api, "op"));
        assertThat(op.get("/api/v1/kb/topics").json().size()).isEqualTo(3);
        JsonNode byTopic = op.get("/api/v1/kb/call-articles?topic=support&number=8800").json();
        assertThat(titles(byTopic)).containsExactly("Как принять заявку", "Интернет не работает: что проверить");
        // tied to the demo project's request types (KB-1, checked against the projects)
        assertThat(titles(op.get("/api/v1/kb/call-articles?requestType=question").json()))
                .containsExactly("Как принять заявку");
        assertThat(titles(op.get("/api/v1/search?q=" + java.net.URLEncoder.encode("заявок", java.nio.charset.StandardCharsets.UTF_8) + "&kind=article").json().get("hits")))
                .contains("Как принять заявку", "Интернет не работает: что проверить");
        assertThat(titles(op.get("/api/v1/search?q=billed&kind=article").json().get("hits")))
                .containsExactly("Opening hours and offices");
        // staff regulations are for staff roles; the customer company's people do not read the knowledge base
        assertThat(api.as(t.token(api, "fixer")).get("/api/v1/kb/topics").json().size()).isEqualTo(2);
        assertThat(api.as(t.token(api, "boss")).get("/api/v1/kb/topics").status()).isEqualTo(403);
    }

    private static List<String> titles(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(a -> out.add(a.get("title").asString()));
        return out;
    }
}
