package io.linia.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.time.MutableClock;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** ACD-3: time per state, per queue, per day — split at the tenant's midnight. */
@IntegrationTest
class AgentTimeIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    MutableClock clock;

    @Test
    void aCallAcrossMidnightCountsOnBothDaysAndEachQueueHasItsOwnTime() {
        ZoneId moscow = ZoneId.of("Europe/Moscow");
        LocalDate day = LocalDate.ofInstant(clock.instant(), moscow).plusDays(2);
        clock.set(day.atTime(23, 59).atZone(moscow).toInstant());
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        Api admin = api.as(acme.token(api, "admin"));
        UUID opId = acme.user("op", "operator");
        admin.patch("/api/v1/users/" + opId, Map.of("extension", "201"));
        Api op = api.as(acme.token(api, "op"));
        String q1 = admin.post("/api/v1/queues", Map.of("number", "100", "name", "One")).json().get("id").asString();
        String q2 = admin.post("/api/v1/queues", Map.of("number", "200", "name", "Two")).json().get("id").asString();

        op.put("/api/v1/agent/queues/" + q1, null);                                        // 23:59:00
        op.put("/api/v1/agent/queues/" + q2, null);
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 20));
        String call = admin.post("/api/v1/sim/calls", Map.of("caller", "1", "dialled", "100"))
                .json().get("callId").asString();                                          // 23:59:20 ringing
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 10));
        op.post("/api/v1/agent/calls/" + call + "/answer", null);                          // 23:59:30 talking
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 40));
        op.delete("/api/v1/agent/queues/" + q2);                                           // 00:00:10
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 20));
        op.post("/api/v1/agent/calls/" + call + "/hangup", null);                          // 00:00:30 free
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 30));                    // 00:01:00

        JsonNode first = admin.get("/api/v1/agents/" + opId + "/time?date=" + day).json();
        assertThat(first.get("states").get("FREE").asLong()).isEqualTo(20_000);
        assertThat(first.get("states").get("RINGING").asLong()).isEqualTo(10_000);
        assertThat(first.get("states").get("TALKING").asLong()).isEqualTo(30_000);
        assertThat(first.get("queues").get(0).get("number").asString()).isEqualTo("100");
        assertThat(first.get("queues").get(0).get("loggedInMs").asLong()).isEqualTo(60_000);
        assertThat(first.get("queues").get(0).get("answered").asLong()).isEqualTo(1);
        assertThat(first.get("queues").get(1).get("loggedInMs").asLong()).isEqualTo(60_000);
        assertThat(first.get("queues").get(1).get("answered").asLong()).isZero();

        JsonNode second = op.get("/api/v1/agent/time").json();
        assertThat(second.get("date").asString()).isEqualTo(day.plusDays(1).toString());
        assertThat(second.get("states").get("TALKING").asLong()).isEqualTo(30_000);
        assertThat(second.get("states").get("FREE").asLong()).isEqualTo(30_000);
        assertThat(second.get("queues").get(0).get("loggedInMs").asLong()).isEqualTo(60_000);
        assertThat(second.get("queues").get(1).get("loggedInMs").asLong()).isEqualTo(10_000);

        assertThat(op.get("/api/v1/agents/" + opId + "/time").status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/agents/" + UUID.randomUUID() + "/time").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/agents/" + opId + "/time?date=yesterday").status()).isEqualTo(400);
    }
}
