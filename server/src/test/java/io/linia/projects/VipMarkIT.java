package io.linia.projects;

import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.JsonNode;

/** CRM-4: the card (API and page) shows in which active projects the customer is VIP and with what priority. */
@IntegrationTest
class VipMarkIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    private static String project(Api pm, String code, String name, UUID manager) {
        Api.Response r = pm.post("/api/v1/projects", Map.of("code", code, "name", name, "managers", List.of(manager)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private static String card(Api as, String lastName) {
        Api.Response r = as.post("/api/v1/customers", Map.of("kind", "person", "lastName", lastName));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    @Test
    void theCardShowsItsVipProjectsHighestPriorityFirst() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        UUID pmId = acme.user("pm", "project_manager");
        acme.user("op", "operator");
        Api pm = api.as(acme.token(api, "pm"));
        Api op = api.as(acme.token(api, "op"));
        String gold = project(pm, "GOLD", "Золотой", pmId);
        String silver = project(pm, "SILVER", "Серебряный", pmId);
        String ivanov = card(op, "Иванов");
        String petrov = card(op, "Петров");
        assertThat(op.get("/api/v1/customers/" + ivanov).json().get("marks")).as("no VIP yet").isEmpty();

        assertThat(pm.put("/api/v1/projects/" + silver + "/vips/" + ivanov, Map.of("priority", 30)).status()).isEqualTo(200);
        assertThat(pm.put("/api/v1/projects/" + gold + "/vips/" + ivanov, Map.of("priority", 90, "note", "Директор"))
                .status()).isEqualTo(200);

        Api.Response r = op.get("/api/v1/customers/" + ivanov);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode marks = r.json().get("marks");
        assertThat(marks).hasSize(2);
        assertThat(marks.get(0).get("kind").asString()).isEqualTo("vip");
        assertThat(marks.get(0).get("projectId").asString()).isEqualTo(gold);
        assertThat(marks.get(0).get("projectCode").asString()).isEqualTo("GOLD");
        assertThat(marks.get(0).get("projectName").asString()).isEqualTo("Золотой");
        assertThat(marks.get(0).get("priority").asInt()).isEqualTo(90);
        assertThat(marks.get(0).get("note").asString()).isEqualTo("Директор");
        assertThat(marks.get(1).get("projectCode").asString()).isEqualTo("SILVER");
        assertThat(marks.get(1).get("priority").asInt()).isEqualTo(30);
        assertThat(op.get("/api/v1/customers/" + petrov).json().get("marks")).as("another card").isEmpty();

        Api.Response page = op.get("/customers/" + ivanov);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).contains("data-mark=\"vip\"").contains("data-project=\"GOLD\"").contains("data-project=\"SILVER\"");
        assertThat(page.body()).containsAnyOf("VIP в проекте «Золотой», приоритет 90", "VIP in Золотой, priority 90");
        assertThat(op.get("/customers/" + petrov).body()).doesNotContain("data-mark=");

        assertThat(pm.patch("/api/v1/projects/" + silver, Map.of("active", false)).status()).isEqualTo(200);
        assertThat(op.get("/api/v1/customers/" + ivanov).json().get("marks")).as("a switched-off project marks nothing")
                .hasSize(1);
        assertThat(pm.delete("/api/v1/projects/" + gold + "/vips/" + ivanov).status()).isEqualTo(204);
        assertThat(op.get("/api/v1/customers/" + ivanov).json().get("marks")).isEmpty();

        TestTenant other = tenants.create();
        other.user("op", "operator");
        Api stranger = api.as(other.token(api, "op"));
        assertThat(stranger.get("/api/v1/customers/" + ivanov).status()).isEqualTo(404);
        String own = card(stranger, "Иванов");
        assertThat(stranger.get("/api/v1/customers/" + own).json().get("marks")).as("another tenant's card").isEmpty();
    }
}
