package io.linia.projects;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Projects with their people (CASE-2) and VIP lists (CRM-4) over the REST API; permissions, audit, tenancy. */
@IntegrationTest
class ProjectsIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Projects projects;

    Api api;
    TestTenant acme;
    Api pm;
    Api op;
    UUID pmId;
    UUID opId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        pmId = acme.user("pm", "project_manager");
        opId = acme.user("op", "operator");
        pm = api.as(acme.token(api, "pm"));
        op = api.as(acme.token(api, "op"));
    }

    private String customer(Api as, String last, String phone) {
        Map<String, Object> c = new HashMap<>();
        c.put("kind", "PERSON");
        c.put("lastName", last);
        c.put("phones", List.of(Map.of("number", phone)));
        Api.Response r = as.post("/api/v1/customers", c);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private String project(String code) {
        Api.Response r = pm.post("/api/v1/projects", Map.of("code", code, "name", "Проект " + code,
                "managers", List.of(pmId), "members", List.of(opId)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    @Test
    void aProjectManagerCreatesAndChangesAProjectWithItsPeopleAndEveryChangeIsAudited() {
        Api.Response created = pm.post("/api/v1/projects", Map.of("code", "hot-line", "name", "  Горячая   линия ",
                "description", "Жалобы\r\nи вопросы", "managers", List.of(pmId), "members", List.of(opId, pmId)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("code").asString()).isEqualTo("HOT-LINE");
        assertThat(created.json().get("name").asString()).isEqualTo("Горячая линия");
        assertThat(created.json().get("description").asString()).isEqualTo("Жалобы\nи вопросы");
        assertThat(created.json().get("managers").get(0).asString()).isEqualTo(pmId.toString());
        assertThat(created.json().get("members").size()).as("a manager is not also a member").isEqualTo(1);
        assertThat(created.json().get("active").asBoolean()).isTrue();

        Api.Response dup = pm.post("/api/v1/projects", Map.of("code", "HOT-LINE", "name", "x"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.code()).isEqualTo("duplicate_code");
        assertThat(dup.field()).isEqualTo("code");

        Api.Response changed = pm.patch("/api/v1/projects/" + id, Map.of("active", false, "version", 0));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("active").asBoolean()).isFalse();
        assertThat(changed.json().get("name").asString()).isEqualTo("Горячая линия");
        Api.Response stale = pm.patch("/api/v1/projects/" + id, Map.of("name", "Другое", "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("stale_version");

        assertThat(op.get("/api/v1/projects/" + id).status()).as("operators read").isEqualTo(200);
        assertThat(op.get("/api/v1/projects?active=true").json().size()).isZero();
        assertThat(op.post("/api/v1/projects", Map.of("code", "X", "name", "x")).status()).isEqualTo(403);

        List<String> actions = TenantContext.as(acme.id(), () -> jdbc.sql(
                        "select action from audit_log where tenant_id = ? and resource_type = 'project' order by id")
                .param(acme.id().value()).query(String.class).list());
        assertThat(actions).containsExactly("project.create", "project.update");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsSaved() {
        assertThat(pm.post("/api/v1/projects", Map.of("code", "1abc", "name", "x")).field()).isEqualTo("code");
        assertThat(pm.post("/api/v1/projects", Map.of("code", "ABC")).field()).isEqualTo("name");
        Api.Response unknownUser = pm.post("/api/v1/projects", Map.of("code", "ABC", "name", "x",
                "managers", List.of(UUID.randomUUID())));
        assertThat(unknownUser.status()).isEqualTo(422);
        assertThat(unknownUser.code()).isEqualTo("unknown_user");
        assertThat(unknownUser.field()).isEqualTo("managers[0]");
        assertThat(pm.post("/api/v1/projects", Map.of("code", "ABC", "name", "x", "colour", "red")).code())
                .isEqualTo("unknown_field");
        assertThat(pm.get("/api/v1/projects").json().size()).isZero();
    }

    @Test
    void theVipListAnswersByCardAndByCallerNumberInAnyFormat() {
        String p1 = project("P1");
        String p2 = project("P2");
        String ivanov = customer(op, "Иванов", "+7 495 123-45-67");
        String petrov = customer(op, "Петров", "+7 916 000-00-01");

        Api.Response put = pm.put("/api/v1/projects/" + p1 + "/vips/" + ivanov, Map.of("priority", 80, "note", "Директор"));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("customerName").asString()).isEqualTo("Иванов");
        assertThat(pm.put("/api/v1/projects/" + p2 + "/vips/" + ivanov, Map.of("priority", 30)).status()).isEqualTo(200);
        assertThat(pm.put("/api/v1/projects/" + p1 + "/vips/" + ivanov, Map.of("priority", 90)).json().get("priority")
                .asInt()).as("a second put changes the priority").isEqualTo(90);

        Api.Response bad = pm.put("/api/v1/projects/" + p1 + "/vips/" + petrov, Map.of("priority", 101));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.field()).isEqualTo("priority");
        assertThat(pm.put("/api/v1/projects/" + p1 + "/vips/" + UUID.randomUUID(), Map.of()).status()).isEqualTo(404);

        Api.Response byPhone = op.get("/api/v1/projects/vip?phone=8%20(495)%20123-45-67");
        assertThat(byPhone.status()).as(byPhone.toString()).isEqualTo(200);
        assertThat(byPhone.json().size()).isEqualTo(2);
        assertThat(byPhone.json().get(0).get("projectCode").asString()).isEqualTo("P1");
        assertThat(byPhone.json().get(0).get("priority").asInt()).isEqualTo(90);
        assertThat(byPhone.json().get(1).get("priority").asInt()).isEqualTo(30);
        assertThat(op.get("/api/v1/projects/vip?customerId=" + petrov).json().size()).as("not VIP").isZero();
        assertThat(op.get("/api/v1/projects/vip?phone=anonymous").json().size()).isZero();
        assertThat(op.get("/api/v1/projects/vip").status()).isEqualTo(422);

        // a switched-off project no longer makes anyone VIP
        pm.patch("/api/v1/projects/" + p1, Map.of("active", false));
        assertThat(TenantContext.as(acme.id(), () -> projects.vipByPhone(acme.id(), "84951234567"))).extracting(VipEntry::projectCode).containsExactly("P2");

        assertThat(pm.delete("/api/v1/projects/" + p2 + "/vips/" + ivanov).status()).isEqualTo(204);
        assertThat(pm.delete("/api/v1/projects/" + p2 + "/vips/" + ivanov).status()).isEqualTo(404);
        assertThat(op.get("/api/v1/projects/vip?customerId=" + ivanov).json().size()).isZero();
        assertThat(pm.get("/api/v1/projects/" + p1 + "/vips").json().size()).isEqualTo(1);
        assertThat(op.put("/api/v1/projects/" + p1 + "/vips/" + petrov, Map.of()).status()).isEqualTo(403);
    }

    @Test
    void anotherTenantsProjectsAndVipListsAreNotFound() {
        String p1 = project("P1");
        String ivanov = customer(op, "Иванов", "+7 495 123-45-67");
        pm.put("/api/v1/projects/" + p1 + "/vips/" + ivanov, Map.of("priority", 70));

        TestTenant other = tenants.create();
        other.user("pm", "project_manager");
        other.user("op", "operator");
        Api otherPm = api.as(other.token(api, "pm"));
        Api otherOp = api.as(other.token(api, "op"));
        assertThat(otherPm.get("/api/v1/projects/" + p1).status()).isEqualTo(404);
        assertThat(otherPm.patch("/api/v1/projects/" + p1, Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(otherPm.get("/api/v1/projects/" + p1 + "/vips").status()).isEqualTo(404);
        assertThat(otherPm.put("/api/v1/projects/" + p1 + "/vips/" + ivanov, Map.of()).status()).isEqualTo(404);
        assertThat(otherPm.delete("/api/v1/projects/" + p1 + "/vips/" + ivanov).status()).isEqualTo(404);
        assertThat(otherPm.get("/api/v1/projects").json().size()).isZero();
        customer(otherOp, "Иванов", "+7 495 123-45-67");
        assertThat(otherOp.get("/api/v1/projects/vip?phone=%2B74951234567").json().size()).isZero();
        assertThat(otherOp.get("/api/v1/projects/vip?customerId=" + ivanov).json().size()).isZero();
    }
}
