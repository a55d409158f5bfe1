package io.linia.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.recordings.Recordings;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A card's timeline (CRM-3): calls from the simulated switch on virtual time, matched by the
 * card's phones whatever form the switch gave the number in, newest first, keyset paged,
 * with recordings; calls stored before (a history import) are found too; tenancy.
 */
@IntegrationTest
class CustomerTimelineIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Recordings recordings;

    Api api;
    TestTenant acme;
    Api admin;
    Api operator;
    UUID operatorId;
    String queueId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        operatorId = acme.user("op", "operator");
        assertThat(admin.patch("/api/v1/users/" + operatorId, Map.of("extension", "201")).status()).isEqualTo(200);
        operator = api.as(acme.token(api, "op"));
        Api.Response q = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная",
                "ringTimeoutSeconds", 15, "wrapUpSeconds", 0));
        assertThat(q.status()).as(q.toString()).isEqualTo(201);
        queueId = q.json().get("id").asString();
    }

    private String call(String caller) {
        Api.Response r = admin.post("/api/v1/sim/calls", Map.of("caller", caller, "dialled", "100"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("callId").asString();
    }

    private void advance(int seconds) {
        assertThat(admin.post("/api/v1/sim/clock/advance", Map.of("seconds", seconds)).status()).isEqualTo(200);
    }

    @Test
    void aCardShowsItsCallsNewestFirstWithQueueOperatorOutcomeAndRecording() {
        Api.Response card = operator.post("/api/v1/customers", Map.of("kind", "PERSON", "lastName", "Иванов",
                "phones", List.of(Map.of("number", "8 (495) 123-45-67"), Map.of("number", "+7 916 123 45 67"))));
        assertThat(card.status()).isEqualTo(201);
        String id = card.json().get("id").asString();

        operator.put("/api/v1/agent/queues/" + queueId, null);
        String answered = call("+74951234567");
        advance(3);
        operator.post("/api/v1/agent/calls/" + answered + "/answer", null);
        advance(40);
        operator.post("/api/v1/agent/calls/" + answered + "/hangup", null);
        advance(60);
        String abandoned = call("89161234567");
        advance(20);
        admin.post("/api/v1/sim/calls/" + abandoned + "/hangup", null);
        advance(60);
        String stranger = call("+74957654321");
        advance(5);
        admin.post("/api/v1/sim/calls/" + stranger + "/hangup", null);
        // a call from a history import, stored long before, not yet normalized
        TenantContext.as(acme.id(), () -> jdbc.sql("""
                insert into calls (tenant_id, id, direction, caller, dialled, arrived_at, ended_at, outcome)
                values (?, 'imported-1', 'inbound', '4951234567', '100', ?, ?, 'abandoned')""")
                .params(acme.id().value(), Timestamp.from(Instant.parse("2020-01-01T10:00:00Z")),
                        Timestamp.from(Instant.parse("2020-01-01T10:01:00Z"))).update());
        UUID recording = TenantContext.as(acme.id(), () -> {
            UUID r = recordings.started(acme.id(), answered, "sim", "wav");
            recordings.store(acme.id(), r, new ByteArrayInputStream(new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0}));
            return r;
        });

        Api.Response first = operator.get("/api/v1/customers/" + id + "/timeline?limit=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode items = first.json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("id").asString()).isEqualTo(abandoned);
        assertThat(items.get(0).get("type").asString()).isEqualTo("call");
        assertThat(items.get(0).get("details").get("outcome").asString()).isEqualTo("abandoned");
        assertThat(items.get(0).get("details").get("number").asString()).isEqualTo("+79161234567");
        JsonNode call = items.get(1).get("details");
        assertThat(items.get(1).get("id").asString()).isEqualTo(answered);
        assertThat(call.get("direction").asString()).isEqualTo("inbound");
        assertThat(call.get("queueName").asString()).isEqualTo("Справочная");
        assertThat(call.get("agentId").asString()).isEqualTo(operatorId.toString());
        assertThat(call.get("agentName").asString()).isEqualTo("User op");
        assertThat(call.get("outcome").asString()).isEqualTo("answered");
        assertThat(call.get("talkMs").asLong()).isEqualTo(40_000L);
        assertThat(call.get("recordings").get(0).get("audio").asString())
                .isEqualTo("/api/v1/recordings/" + recording + "/audio");

        String next = first.json().get("next").asString();
        JsonNode rest = operator.get("/api/v1/customers/" + id + "/timeline?limit=2&after=" + next).json();
        List<String> ids = new ArrayList<>();
        rest.get("items").forEach(i -> ids.add(i.get("id").asString()));
        assertThat(ids).as("the imported call, normalized on the way").containsExactly("imported-1");
        assertThat(rest.get("next").isNull()).isTrue();

        assertThat(operator.get("/api/v1/customers/" + id + "/timeline?after=bogus").status()).isEqualTo(422);
        assertThat(operator.get("/api/v1/customers/" + id + "/timeline?limit=0").status()).isEqualTo(422);
        String e164 = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select customer_e164 from calls where tenant_id = ? and id = ?").params(acme.id().value(), stranger)
                .query(String.class).single());
        assertThat(e164).isEqualTo("+74957654321");

        TestTenant other = tenants.create();
        other.user("op", "operator");
        Api theirs = api.as(other.token(api, "op"));
        assertThat(theirs.get("/api/v1/customers/" + id + "/timeline").status()).isEqualTo(404);
        Api.Response twin = theirs.post("/api/v1/customers", Map.of("kind", "PERSON", "lastName", "Иванов",
                "phones", List.of(Map.of("number", "+7 495 123-45-67"))));
        JsonNode twinLine = theirs.get("/api/v1/customers/" + twin.json().get("id").asString() + "/timeline").json();
        assertThat(twinLine.get("items")).as("the same number in another tenant sees none of these calls").isEmpty();
    }
}
