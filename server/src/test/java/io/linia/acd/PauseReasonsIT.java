package io.linia.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** ACD-3: an agent pauses only with a reason from the tenant's list. */
@IntegrationTest
class PauseReasonsIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    @Test
    void pausesTakeReasonsFromTheTenantsListWhichAnAdministratorReplaces() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        Api admin = api.as(acme.token(api, "admin"));
        acme.user("op", "operator");
        Api op = api.as(acme.token(api, "op"));
        String queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Q")).json().get("id").asString();
        op.put("/api/v1/agent/queues/" + queue, null);

        assertThat(op.get("/api/v1/pause-reasons").body()).contains("lunch", "break");
        Api.Response paused = op.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "lunch"));
        assertThat(paused.json().get("state").asString()).isEqualTo("PAUSED");
        assertThat(paused.json().get("reason").asString()).isEqualTo("lunch");
        Api.Response unknown = op.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "nap"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("unknown_reason");

        Api.Response replaced = admin.put("/api/v1/pause-reasons", Map.of("reasons", List.of(
                Map.of("code", "nap", "name", "Тихий час"), Map.of("code", "coaching", "name", "Coaching"))));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(op.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "nap")).status()).isEqualTo(200);
        assertThat(op.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "lunch")).code())
                .isEqualTo("unknown_reason");

        assertThat(admin.put("/api/v1/pause-reasons", Map.of("reasons", List.of(
                Map.of("code", "no_answer", "name", "x")))).field()).isEqualTo("reasons.code");
        assertThat(admin.put("/api/v1/pause-reasons", Map.of("reasons", List.of())).field()).isEqualTo("reasons");
        assertThat(op.put("/api/v1/pause-reasons", Map.of("reasons", List.of(Map.of("code", "x", "name", "x"))))
                .status()).isEqualTo(403);
        // another tenant keeps the defaults
        TestTenant other = tenants.create();
        assertThat(api.as(other.token(api, "admin")).get("/api/v1/pause-reasons").body()).contains("lunch")
                .doesNotContain("nap");
    }
}
