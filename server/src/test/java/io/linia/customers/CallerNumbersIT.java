package io.linia.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.acd.CallHistory;
import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Calls are stored with {@code calls.customer_e164} (CRM-2) as they are written — by the ACD for
 * a call the switch offers and for an agent's outbound or internal call, and by a history
 * import — with {@link Customers#callNumbers}, so no later pass rewrites the rows (the background fill runs once an hour in tests: what is read here is what the
 * writers stored).
 */
@IntegrationTest
class CallerNumbersIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CallHistory history;

    @Test
    void everyWriterStoresTheOutsidePartysNumberAsCustomersMatchIt() {
        Api api = new Api(port);
        TestTenant acme = tenants.create();
        Api admin = api.as(acme.token(api, "admin"));
        UUID opId = acme.user("op", "operator");
        admin.patch("/api/v1/users/" + opId, Map.of("extension", "201"));
        Api op = api.as(acme.token(api, "op"));
        String queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная"))
                .json().get("id").asString();

        // an inbound call in the national format, and one from a short number that is no telephone number
        String inbound = admin.post("/api/v1/sim/calls", Map.of("caller", "89161234567", "dialled", "100"))
                .json().get("callId").asString();
        String anonymous = admin.post("/api/v1/sim/calls", Map.of("caller", "555", "dialled", "100"))
                .json().get("callId").asString();
        advance(admin, 1);
        assertThat(e164(acme, inbound)).isEqualTo("+79161234567");
        assertThat(e164(acme, anonymous)).isEqualTo("");

        // an operator's outbound call: the dialled number is the outside party
        assertThat(op.put("/api/v1/agent/queues/" + queue, null).status()).isEqualTo(200);
        assertThat(op.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "break")).status()).isEqualTo(200);
        Api.Response dial = op.post("/api/v1/agent/dial", Map.of("number", "8 495 111-22-33"));
        assertThat(dial.status()).as(dial.toString()).isEqualTo(200);
        assertThat(e164(acme, dial.json().get("callId").asString())).isEqualTo("+74951112233");

        // a history import (TEL-4): stored with it too, each number normalized once per batch
        Instant at = Instant.parse("2025-03-01T09:00:00Z");
        TenantContext.as(acme.id(), () -> history.load(acme.id(), List.of(
                new CallHistory.Call("imported-a", "4957654321", "100", at, at.plusSeconds(30), "answered", "caller",
                        List.of(), List.of(), "inbound", new CallHistory.Unqueued(opId, at.plusSeconds(5), 5_000L, 25_000L)),
                new CallHistory.Call("imported-b", "201", "+7 (812) 000-11-22", at, at.plusSeconds(60), "answered", "agent",
                        List.of(), List.of(), "outbound", new CallHistory.Unqueued(opId, at.plusSeconds(9), 9_000L, 51_000L))),
                List.of()));
        assertThat(e164(acme, "imported-a")).isEqualTo("+74957654321");
        assertThat(e164(acme, "imported-b")).isEqualTo("+78120001122");
    }

    private String e164(TestTenant tenant, String callId) {
        return TenantContext.as(tenant.id(), () -> jdbc.sql("select customer_e164 from calls where tenant_id = ? and id = ?")
                .params(tenant.id().value(), callId).query(String.class).single());
    }

    private static void advance(Api admin, int seconds) {
        assertThat(admin.post("/api/v1/sim/clock/advance", Map.of("seconds", seconds)).status()).isEqualTo(200);
    }
}
