package io.linia.realtime;

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

/** RT-1 and RT-2: the reference product's paths and exact JSON, figures computed by hand. */
@IntegrationTest
class StatisticsContractIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    MutableClock clock;

    @Test
    void todaysFiguresOfAnOperatorAQueueAndTheTenantInTheReferenceShape() {
        // 10:00 Moscow time tomorrow: the whole scenario lies inside one day of the tenant
        ZoneId moscow = ZoneId.of("Europe/Moscow");
        clock.set(LocalDate.ofInstant(clock.instant(), moscow).plusDays(1).atTime(10, 0).atZone(moscow).toInstant());
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        Api admin = api.as(acme.token(api, "admin"));
        UUID opId = acme.user("op", "operator");
        admin.patch("/api/v1/users/" + opId, Map.of("extension", "201"));
        Api op = api.as(acme.token(api, "op"));
        String queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Q", "ringTimeoutSeconds", 15))
                .json().get("id").asString();

        op.put("/api/v1/agent/queues/" + queue, null);                                   // 10:00:00 free
        String c1 = admin.post("/api/v1/sim/calls", Map.of("caller", "111", "dialled", "100")).json().get("callId").asString();
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 4));
        op.post("/api/v1/agent/calls/" + c1 + "/answer", null);                           // 10:00:04 talking
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 60));
        op.post("/api/v1/agent/calls/" + c1 + "/hangup", null);                           // 10:01:04 free
        admin.post("/api/v1/sim/calls", Map.of("caller", "222", "dialled", "100"));       // rings at once
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 36));                   // 10:01:19 paused (no answer)

        Api.Response mine = op.get("/calls/statistics/current");
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.body()).isEqualTo("{\"averageCallTime\":{\"average\":60,\"count\":1,\"sum\":60},"
                + "\"incoming\":1,\"inner\":0,\"missed\":1,\"outgoing\":0,\"queueSize\":1}");

        Api.Response tenant = admin.get("/calls/statistics/current?scope=tenant");
        assertThat(tenant.body()).isEqualTo("{\"averageCallTime\":{\"average\":60,\"count\":1,\"sum\":60},"
                + "\"incoming\":1,\"inner\":0,\"missed\":0,\"outgoing\":0,\"queueSize\":1}");
        assertThat(admin.get("/calls/statistics/current?queueId=" + queue).json().get("queueSize").asLong()).isEqualTo(1);
        assertThat(admin.get("/calls/statistics/current?userId=" + opId).json().get("missed").asLong()).isEqualTo(1);

        Api.Response status = op.get("/rest/status/statistics");
        // free 10:00:00–10:01:19 (ringing and talking count as free), paused since, offline before 10:00
        assertThat(status.body()).isEqualTo("{\"free\":79000,\"offline\":36000000,\"pause\":21000}");
    }

    @Test
    void anOperatorSeesOnlyOwnFiguresAndStrangersAreNotFound() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        UUID other = acme.user("other", "operator");
        acme.user("op", "operator");
        Api op = api.as(acme.token(api, "op"));
        assertThat(op.get("/calls/statistics/current?userId=" + other).status()).isEqualTo(403);
        assertThat(op.get("/rest/status/statistics?userId=" + other).status()).isEqualTo(403);
        Api admin = api.as(acme.token(api, "admin"));
        assertThat(admin.get("/calls/statistics/current?userId=" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.get("/calls/statistics/current?queueId=" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.get("/calls/statistics/current?scope=world").field()).isEqualTo("scope");
        assertThat(api.get("/calls/statistics/current").status()).isEqualTo(401);
        assertThat(api.get("/rest/status/statistics").status()).isEqualTo(401);
    }
}
