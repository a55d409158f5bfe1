package io.linia.projects;

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
import tools.jackson.databind.JsonNode;

/**
 * CRM-4 "routing priority" through the ACD (ACD-4): a caller whose number is on a card of an
 * active project's VIP list enters the queue with the list's priority, ahead of callers who
 * waited longer, and is offered first when an operator becomes free; the same number is an
 * ordinary caller in another tenant and once the project is switched off.
 */
@IntegrationTest
class VipRoutingIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    private static String call(Api admin, String caller, String dialled) {
        Api.Response r = admin.post("/api/v1/sim/calls", Map.of("caller", caller, "dialled", dialled));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("callId").asString();
    }

    /** The enter_queue event's data: position in line and priority. */
    private JsonNode entered(TestTenant t, String callId) {
        String data = TenantContext.as(t.id(), () -> jdbc.sql(
                "select data::text from call_events where tenant_id = ? and call_id = ? and type = 'enter_queue'")
                .params(t.id().value(), callId).query(String.class).single());
        return Api.JSON.readTree(data);
    }

    @Test
    void aVipCallerQueuesAheadAndIsOfferedFirst() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        Api admin = api.as(acme.token(api, "admin"));
        UUID pmId = acme.user("pm", "project_manager");
        UUID opId = acme.user("op", "operator");
        assertThat(admin.patch("/api/v1/users/" + opId, Map.of("extension", "201")).status()).isEqualTo(200);
        Api pm = api.as(acme.token(api, "pm"));
        Api op = api.as(acme.token(api, "op"));
        String queueId = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная",
                "ringTimeoutSeconds", 15, "wrapUpSeconds", 0)).json().get("id").asString();

        Api.Response card = op.post("/api/v1/customers", Map.of("kind", "PERSON", "lastName", "Иванов",
                "phones", List.of(Map.of("number", "+7 495 123-45-67"))));
        assertThat(card.status()).as(card.toString()).isEqualTo(201);
        Api.Response project = pm.post("/api/v1/projects", Map.of("code", "GOLD", "name", "Золотые клиенты",
                "managers", List.of(pmId)));
        String projectId = project.json().get("id").asString();
        assertThat(pm.put("/api/v1/projects/" + projectId + "/vips/" + card.json().get("id").asString(),
                Map.of("priority", 80)).status()).isEqualTo(200);

        // nobody is in the queue yet: both wait; the VIP (as the switch gives the number) arrives second
        String plain = call(admin, "+74959990000", "100");
        String vip = call(admin, "84951234567", "100");
        assertThat(entered(acme, plain).get("priority").asInt()).isZero();
        assertThat(entered(acme, plain).get("position").asInt()).isEqualTo(1);
        assertThat(entered(acme, vip).get("priority").asInt()).isEqualTo(80);
        assertThat(entered(acme, vip).get("position").asInt()).as("ahead of the earlier caller").isEqualTo(1);

        assertThat(op.put("/api/v1/agent/queues/" + queueId, null).status()).isEqualTo(200);
        Api.Response ringing = op.get("/api/v1/agent/state");
        assertThat(ringing.json().get("state").asString()).isEqualTo("RINGING");
        assertThat(ringing.json().get("callId").asString()).isEqualTo(vip);

        // switched off, the project makes nobody VIP
        assertThat(pm.patch("/api/v1/projects/" + projectId, Map.of("active", false)).status()).isEqualTo(200);
        String later = call(admin, "84951234567", "100");
        assertThat(entered(acme, later).get("priority").asInt()).isZero();

        // the same number in another tenant is an ordinary caller
        TestTenant other = tenants.create();
        Api otherAdmin = api.as(other.token(api, "admin"));
        assertThat(otherAdmin.post("/api/v1/queues", Map.of("number", "100", "name", "Other")).status()).isEqualTo(201);
        String elsewhere = call(otherAdmin, "84951234567", "100");
        assertThat(entered(other, elsewhere).get("priority").asInt()).isZero();
    }
}
