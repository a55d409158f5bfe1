package io.linia.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A call end to end on the simulated switch and virtual time (TEL-5, ACD-2..5, ACD-10): it
 * arrives at a queue's number, rings the logged-in operator, is answered and hung up, and
 * every step is stored.
 */
@IntegrationTest
class CallFlowIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

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

    private String call(String dialled) {
        Api.Response r = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951234567", "dialled", dialled));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("callId").asString();
    }

    private void advance(int seconds) {
        assertThat(admin.post("/api/v1/sim/clock/advance", Map.of("seconds", seconds)).status()).isEqualTo(200);
    }

    private List<String> eventTypes(String callId) {
        return TenantContext.as(acme.id(), () -> jdbc.sql(
                "select type from call_events where tenant_id = ? and call_id = ? order by id")
                .params(acme.id().value(), callId).query(String.class).list());
    }

    private Map<String, Object> summary(String callId) {
        return TenantContext.as(acme.id(), () -> jdbc.sql("select * from calls where tenant_id = ? and id = ?")
                .params(acme.id().value(), callId).query().singleRow());
    }

    @Test
    void aCallRingsTheOperatorIsAnsweredAndEveryStepIsStored() {
        Api.Response joined = operator.put("/api/v1/agent/queues/" + queueId, null);
        assertThat(joined.json().get("state").asString()).isEqualTo("FREE");

        String callId = call("100");
        Api.Response ringing = operator.get("/api/v1/agent/state");
        assertThat(ringing.json().get("state").asString()).isEqualTo("RINGING");
        assertThat(ringing.json().get("callId").asString()).isEqualTo(callId);
        Api.Response simCall = admin.get("/api/v1/sim/calls/" + callId);
        assertThat(simCall.json().get("state").asString()).isEqualTo("ringing");
        assertThat(simCall.json().get("endpoint").asString()).isEqualTo("201");

        advance(4);
        assertThat(operator.post("/api/v1/agent/calls/" + callId + "/answer", null).json().get("state").asString())
                .isEqualTo("TALKING");
        assertThat(admin.get("/api/v1/sim/calls/" + callId).json().get("state").asString()).isEqualTo("connected");
        advance(60);
        assertThat(operator.post("/api/v1/agent/calls/" + callId + "/hangup", null).json().get("state").asString())
                .isEqualTo("FREE");

        assertThat(eventTypes(callId)).containsExactly("offered_by_switch", "enter_queue", "offered", "connect",
                "complete_agent");
        Map<String, Object> row = summary(callId);
        assertThat(row.get("outcome")).isEqualTo("answered");
        assertThat(row.get("ended_by")).isEqualTo("agent");
        assertThat(row.get("wait_ms")).isEqualTo(4000L);
        assertThat(row.get("talk_ms")).isEqualTo(60000L);
        assertThat(row.get("agent_id")).isEqualTo(operatorId);
        assertThat(row.get("caller")).isEqualTo("+74951234567");

        List<String> states = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select state from agent_state_log where tenant_id = ? and user_id = ? order by id")
                .params(acme.id().value(), operatorId).query(String.class).list());
        assertThat(states).containsExactly("FREE", "RINGING", "TALKING", "FREE");
    }

    @Test
    void aCallerWhoGivesUpIsAnAbandonWithPositionAndWait() {
        String callId = call("100");
        advance(30);
        admin.post("/api/v1/sim/calls/" + callId + "/hangup", null);
        assertThat(eventTypes(callId)).containsExactly("offered_by_switch", "enter_queue", "abandon");
        Map<String, Object> row = summary(callId);
        assertThat(row.get("outcome")).isEqualTo("abandoned");
        assertThat(row.get("wait_ms")).isEqualTo(30000L);
        String data = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select data::text from call_events where tenant_id = ? and call_id = ? and type = 'abandon'")
                .params(acme.id().value(), callId).query(String.class).single());
        assertThat(data).contains("\"position\": 1");
    }

    @Test
    void aCallLeftRingingPausesTheOperatorAndIsCountedAsMissed() {
        operator.put("/api/v1/agent/queues/" + queueId, null);
        String callId = call("100");
        advance(16);
        Api.Response state = operator.get("/api/v1/agent/state");
        assertThat(state.json().get("state").asString()).isEqualTo("PAUSED");
        assertThat(state.json().get("reason").asString()).isEqualTo("no_answer");
        assertThat(eventTypes(callId)).containsExactly("offered_by_switch", "enter_queue", "offered", "ring_no_answer");

        // back to free: the waiting call rings again
        assertThat(operator.put("/api/v1/agent/state", Map.of("state", "FREE")).json().get("state").asString())
                .isEqualTo("RINGING");
    }

    @Test
    void aCallToANumberWithoutAQueueIsReleasedAndStoredAsUnrouted() {
        String callId = call("999");
        assertThat(summary(callId).get("outcome")).isEqualTo("unrouted");
        assertThat(admin.get("/api/v1/sim/calls/" + callId).status()).isEqualTo(404);
    }

    @Test
    void wrongMomentsAndUnknownCallsAreRefusedClearly() {
        Api.Response notLoggedIn = operator.put("/api/v1/agent/state", Map.of("state", "FREE"));
        assertThat(notLoggedIn.status()).isEqualTo(409);
        operator.put("/api/v1/agent/queues/" + queueId, null);
        Api.Response unknown = operator.post("/api/v1/agent/calls/nope/answer", null);
        assertThat(unknown.status()).isEqualTo(404);
        String callId = call("100");
        Api.Response notConnected = operator.post("/api/v1/agent/calls/" + callId + "/hangup", null);
        assertThat(notConnected.status()).isEqualTo(409);
        assertThat(notConnected.code()).isEqualTo("not_connected");
        Api.Response pause = operator.put("/api/v1/agent/state", Map.of("state", "PAUSED"));
        assertThat(pause.status()).isEqualTo(422);
        assertThat(pause.field()).isEqualTo("reason");
        Api.Response badDigits = admin.post("/api/v1/sim/calls", Map.of("caller", "abc", "dialled", "100"));
        assertThat(badDigits.status()).isEqualTo(400);
        assertThat(badDigits.field()).isEqualTo("caller");
        // the call is unharmed by all that
        assertThat(operator.post("/api/v1/agent/calls/" + callId + "/answer", null).status()).isEqualTo(200);
    }

    @Test
    void aRingAllQueueRingsEveryFreeOperatorAndTheFirstAnswerWins() {
        UUID second = acme.user("op2", "operator");
        admin.patch("/api/v1/users/" + second, Map.of("extension", "202"));
        String ringAll = admin.post("/api/v1/queues", Map.of("number", "300", "name", "All", "strategy", "RING_ALL"))
                .json().get("id").asString();
        Api op2 = api.as(acme.token(api, "op2"));
        operator.put("/api/v1/agent/queues/" + ringAll, null);
        op2.put("/api/v1/agent/queues/" + ringAll, null);
        String callId = call("300");
        assertThat(admin.get("/api/v1/sim/calls/" + callId).json().get("ringingAt").toString())
                .contains("201", "202");
        assertThat(op2.post("/api/v1/agent/calls/" + callId + "/answer", null).json().get("state").asString())
                .isEqualTo("TALKING");
        assertThat(operator.get("/api/v1/agent/state").json().get("state").asString()).isEqualTo("FREE");
        Api.Response connected = admin.get("/api/v1/sim/calls/" + callId);
        assertThat(connected.json().get("state").asString()).isEqualTo("connected");
        assertThat(connected.json().get("endpoint").asString()).isEqualTo("202");
    }

    @Test
    void anOperatorMayNotDriveTheSimulatorOrEditQueues() {
        assertThat(operator.post("/api/v1/sim/calls", Map.of("caller", "1", "dialled", "100")).status()).isEqualTo(403);
        assertThat(operator.post("/api/v1/queues", Map.of("number", "5", "name", "x")).status()).isEqualTo(403);
    }
}
