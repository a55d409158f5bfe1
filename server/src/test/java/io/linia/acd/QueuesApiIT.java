package io.linia.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The queues API (ACD-1, ACD-2): settings, validation, live changes, members and tenancy. */
@IntegrationTest
class QueuesApiIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    Api api;
    TestTenant acme;
    Api admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
    }

    private static Map<String, Object> queue(String number) {
        Map<String, Object> m = new HashMap<>();
        m.put("number", number);
        m.put("name", "Queue " + number);
        m.put("strategy", "skills_based");
        m.put("requiredSkills", Map.of("english", 5));
        m.put("priority", 3);
        m.put("serviceLevelSeconds", 30);
        m.put("maxLength", 20);
        m.put("wrapUpSeconds", 10);
        return m;
    }

    @Test
    void aQueueIsCreatedWithEverySettingAndEditedWithItsVersion() {
        Api.Response created = admin.post("/api/v1/queues", queue("200"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("strategy").asString()).isEqualTo("SKILLS_BASED");
        assertThat(created.json().get("requiredSkills").get("english").asInt()).isEqualTo(5);
        String id = created.json().get("id").asString();

        Map<String, Object> edit = queue("200");
        edit.put("name", "English line");
        edit.put("version", 0);
        Api.Response edited = admin.put("/api/v1/queues/" + id, edit);
        assertThat(edited.json().get("name").asString()).isEqualTo("English line");
        assertThat(edited.json().get("version").asInt()).isEqualTo(1);
        Api.Response stale = admin.put("/api/v1/queues/" + id, edit);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("stale_version");

        Api.Response dup = admin.post("/api/v1/queues", queue("200"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.field()).isEqualTo("number");
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        Map<String, Object> strategy = queue("1");
        strategy.put("strategy", "loudest");
        assertThat(admin.post("/api/v1/queues", strategy).field()).isEqualTo("strategy");
        Map<String, Object> wrap = queue("2");
        wrap.put("wrapUpSeconds", -1);
        Api.Response w = admin.post("/api/v1/queues", wrap);
        assertThat(w.status()).isEqualTo(400);
        assertThat(w.field()).isEqualTo("wrapUpSeconds");
        Map<String, Object> overflow = queue("3");
        overflow.put("overflowKind", "QUEUE");
        overflow.put("overflowTarget", UUID.randomUUID().toString());
        overflow.put("maxWaitSeconds", 60);
        Api.Response o = admin.post("/api/v1/queues", overflow);
        assertThat(o.status()).isEqualTo(422);
        assertThat(o.field()).isEqualTo("overflowTarget");
        Map<String, Object> number = queue("12a");
        assertThat(admin.post("/api/v1/queues", number).field()).isEqualTo("number");
        Map<String, Object> message = queue("4");
        message.put("overflowKind", "MESSAGE");
        assertThat(admin.post("/api/v1/queues", message).field()).isEqualTo("overflow.target");
        assertThat(admin.get("/api/v1/queues").json().size()).isZero();
    }

    @Test
    void anAdministratorPutsAgentsIntoQueuesAndAQueueInUseAsOverflowStays() {
        String backup = admin.post("/api/v1/queues", queue("300")).json().get("id").asString();
        Map<String, Object> main = queue("301");
        main.put("overflowKind", "QUEUE");
        main.put("overflowTarget", backup);
        main.put("maxWaitSeconds", 60);
        String mainId = admin.post("/api/v1/queues", main).json().get("id").asString();
        UUID op = acme.user("op1", "operator");
        assertThat(admin.put("/api/v1/queues/" + mainId + "/members/" + op, null).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/queues/" + mainId + "/members").body()).contains(op.toString());
        assertThat(admin.delete("/api/v1/queues/" + backup).code()).isEqualTo("queue_in_use");
        assertThat(admin.delete("/api/v1/queues/" + mainId + "/members/" + op).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/queues/" + mainId + "/members").body()).doesNotContain(op.toString());
        assertThat(admin.delete("/api/v1/queues/" + mainId).status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/queues/" + backup).status()).isEqualTo(204);
    }

    @Test
    void anotherTenantsQueueIsNotFound() {
        String id = admin.post("/api/v1/queues", queue("400")).json().get("id").asString();
        UUID op = acme.user("op2", "operator");
        TestTenant other = tenants.create();
        Api intruder = api.as(other.token(api, "admin"));
        assertThat(intruder.get("/api/v1/queues/" + id).status()).isEqualTo(404);
        Map<String, Object> edit = queue("400");
        edit.put("version", 0);
        assertThat(intruder.put("/api/v1/queues/" + id, edit).status()).isEqualTo(404);
        assertThat(intruder.delete("/api/v1/queues/" + id).status()).isEqualTo(404);
        assertThat(intruder.put("/api/v1/queues/" + id + "/members/" + op, null).status()).isEqualTo(404);
        assertThat(intruder.get("/api/v1/queues").json().size()).isZero();
        other.user("spy", "operator");
        assertThat(api.as(other.token(api, "spy")).put("/api/v1/agent/queues/" + id, null).status()).isEqualTo(404);
    }
}
