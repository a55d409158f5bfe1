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
 * The agent's call control end to end on the simulated switch and virtual time (WS-3, ACD-10,
 * TEL-1): blind transfer to an agent or a number, consultation (attended transfer) completed,
 * cancelled and ended by the consulted party, outbound calls to a number and to a customer,
 * the refusals, and another tenant's calls, agents and customers.
 */
@IntegrationTest
class AgentCallsIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;
    Api admin;
    Api op;
    Api op2;
    UUID opId;
    UUID op2Id;
    String queueId;
    String otherQueueId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        opId = acme.user("op", "operator");
        op2Id = acme.user("op2", "operator");
        assertThat(admin.patch("/api/v1/users/" + opId, Map.of("extension", "201")).status()).isEqualTo(200);
        assertThat(admin.patch("/api/v1/users/" + op2Id, Map.of("extension", "202")).status()).isEqualTo(200);
        op = api.as(acme.token(api, "op"));
        op2 = api.as(acme.token(api, "op2"));
        queueId = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная",
                "ringTimeoutSeconds", 15, "wrapUpSeconds", 10)).json().get("id").asString();
        otherQueueId = admin.post("/api/v1/queues", Map.of("number", "200", "name", "Продажи",
                "ringTimeoutSeconds", 15, "wrapUpSeconds", 0)).json().get("id").asString();
    }

    private String call() {
        Api.Response r = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951234567", "dialled", "100"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("callId").asString();
    }

    /** op logged in to 100 talks with a caller; op2 is logged in to 200 and free. */
    private String opTalking() {
        assertThat(op.put("/api/v1/agent/queues/" + queueId, null).status()).isEqualTo(200);
        String callId = call();
        advance(2);
        assertThat(state(op.post("/api/v1/agent/calls/" + callId + "/answer", null))).isEqualTo("TALKING");
        assertThat(op2.put("/api/v1/agent/queues/" + otherQueueId, null).status()).isEqualTo(200);
        return callId;
    }

    private void advance(int seconds) {
        assertThat(admin.post("/api/v1/sim/clock/advance", Map.of("seconds", seconds)).status()).isEqualTo(200);
    }

    private static String state(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("state").asString();
    }

    private Api.Response sim(String callId) {
        return admin.get("/api/v1/sim/calls/" + callId);
    }

    private List<String> eventTypes(String callId) {
        return TenantContext.as(acme.id(), () -> jdbc.sql(
                "select type from call_events where tenant_id = ? and call_id = ? order by id")
                .params(acme.id().value(), callId).query(String.class).list());
    }

    private String eventData(String callId, String type) {
        return TenantContext.as(acme.id(), () -> jdbc.sql(
                "select data::text from call_events where tenant_id = ? and call_id = ? and type = ? order by id desc limit 1")
                .params(acme.id().value(), callId, type).query(String.class).single());
    }

    private Map<String, Object> summary(String callId) {
        return TenantContext.as(acme.id(), () -> jdbc.sql("select * from calls where tenant_id = ? and id = ?")
                .params(acme.id().value(), callId).query().singleRow());
    }

    private long rt1(String userId, String figure) {
        return admin.get("/calls/statistics/current?userId=" + userId).json().get(figure).asLong();
    }

    @Test
    void blindTransferToAFreeAgentRingsThemAndTheTransferrerWrapsUp() {
        String callId = opTalking();
        advance(20);
        Api.Response t = op.post("/api/v1/agent/calls/" + callId + "/transfer", Map.of("agentId", op2Id));
        assertThat(state(t)).isEqualTo("WRAP_UP");
        Api.Response ringing = op2.get("/api/v1/agent/state");
        assertThat(state(ringing)).isEqualTo("RINGING");
        assertThat(ringing.json().get("callId").asString()).isEqualTo(callId);
        assertThat(sim(callId).json().get("ringingAt").toString()).contains("202");

        advance(3);
        assertThat(state(op2.post("/api/v1/agent/calls/" + callId + "/answer", null))).isEqualTo("TALKING");
        assertThat(sim(callId).json().get("endpoint").asString()).isEqualTo("202");
        advance(30);
        op2.post("/api/v1/agent/calls/" + callId + "/hangup", null);

        assertThat(eventTypes(callId)).containsExactly("offered_by_switch", "enter_queue", "offered", "connect", "transfer",
                "offered", "connect", "complete_agent");
        assertThat(eventData(callId, "transfer")).contains("\"kind\": \"agent\"", "\"target\": \"" + op2Id + "\"");
        Map<String, Object> row = summary(callId);
        assertThat(row.get("agent_id")).isEqualTo(op2Id);
        assertThat(row.get("outcome")).isEqualTo("answered");
    }

    @Test
    void aTransferNobodyAnswersGoesBackToTheQueueAtTheHead() {
        String callId = opTalking();
        assertThat(state(op.post("/api/v1/agent/calls/" + callId + "/transfer", Map.of("agentId", op2Id))))
                .isEqualTo("WRAP_UP");
        assertThat(state(op.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "lunch")))).isEqualTo("PAUSED");
        String second = call(); // waits: op paused, op2 not in 100
        advance(15); // op2 lets it ring out
        assertThat(state(op2.get("/api/v1/agent/state"))).isEqualTo("FREE");
        assertThat(eventTypes(callId)).endsWith("transfer", "offered", "ring_no_answer", "enter_queue");
        assertThat(eventData(callId, "enter_queue")).contains("\"position\": 1");
        // back with op: the transferred call comes first, before the one that waited longer
        Api.Response back = op.put("/api/v1/agent/state", Map.of("state", "FREE"));
        assertThat(state(back)).isEqualTo("RINGING");
        assertThat(back.json().get("callId").asString()).isEqualTo(callId);
        assertThat(eventTypes(second)).containsExactly("offered_by_switch", "enter_queue");
    }

    @Test
    void blindTransferToANumberSendsTheCallerOut() {
        String callId = opTalking();
        advance(40);
        assertThat(state(op.post("/api/v1/agent/calls/" + callId + "/transfer", Map.of("number", "+74957654321"))))
                .isEqualTo("WRAP_UP");
        Api.Response out = sim(callId);
        assertThat(out.json().get("state").asString()).isEqualTo("external");
        assertThat(out.json().get("endpoint").asString()).isEqualTo("+74957654321");
        Map<String, Object> row = summary(callId);
        assertThat(row.get("outcome")).isEqualTo("transferred");
        assertThat(row.get("talk_ms")).isEqualTo(40000L);
        assertThat(eventData(callId, "transfer")).contains("\"kind\": \"number\"", "+74957654321");
        advance(10);
        assertThat(state(op.get("/api/v1/agent/state"))).isEqualTo("FREE");
        assertThat(rt1(opId.toString(), "incoming")).isEqualTo(1);
    }

    @Test
    void attendedTransferToAnAgentCompleted() {
        String callId = opTalking();
        Api.Response consult = op.post("/api/v1/agent/calls/" + callId + "/consult", Map.of("agentId", op2Id));
        assertThat(state(consult)).isEqualTo("CONSULTING");
        String consultId = consult.json().get("consultCallId").asString();
        assertThat(consult.json().get("callId").asString()).isEqualTo(callId);
        assertThat(op.get("/api/v1/agent/state").json().get("consultCallId").asString()).isEqualTo(consultId);
        assertThat(sim(callId).json().get("state").asString()).isEqualTo("held");
        Api.Response leg = sim(consultId);
        assertThat(leg.json().get("direction").asString()).isEqualTo("internal");
        assertThat(leg.json().get("from").asString()).isEqualTo("201");
        assertThat(leg.json().get("ringingAt").toString()).contains("202");

        Api.Response early = op.post("/api/v1/agent/calls/" + callId + "/consult/complete", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("consult_not_connected");

        advance(2);
        assertThat(state(op2.post("/api/v1/agent/calls/" + consultId + "/answer", null))).isEqualTo("TALKING");
        advance(20);
        assertThat(state(op.post("/api/v1/agent/calls/" + callId + "/consult/complete", null))).isEqualTo("WRAP_UP");
        Api.Response now = op2.get("/api/v1/agent/state");
        assertThat(state(now)).isEqualTo("TALKING");
        assertThat(now.json().get("callId").asString()).isEqualTo(callId);
        Api.Response joined = sim(callId);
        assertThat(joined.json().get("state").asString()).isEqualTo("connected");
        assertThat(joined.json().get("endpoint").asString()).isEqualTo("202");
        assertThat(sim(consultId).status()).isEqualTo(404);

        assertThat(eventTypes(callId)).containsExactly("offered_by_switch", "enter_queue", "offered", "connect", "hold",
                "consult_start", "consult_complete");
        assertThat(eventData(callId, "consult_complete")).contains(consultId, op2Id.toString());
        assertThat(eventTypes(consultId)).containsExactly("dial", "offered", "connect", "complete_agent");
        Map<String, Object> legRow = summary(consultId);
        assertThat(legRow.get("direction")).isEqualTo("internal");
        assertThat(legRow.get("from_agent_id")).isEqualTo(opId);
        assertThat(legRow.get("agent_id")).isEqualTo(op2Id);
        assertThat(legRow.get("parent_call_id")).isEqualTo(callId);
        assertThat(legRow.get("caller")).isEqualTo("201");
        assertThat(legRow.get("dialled")).isEqualTo("202");
        assertThat(legRow.get("talk_ms")).isEqualTo(20000L);
        assertThat(summary(callId).get("agent_id")).isEqualTo(op2Id);
        assertThat(rt1(opId.toString(), "inner")).isEqualTo(1);
        assertThat(rt1(op2Id.toString(), "inner")).isEqualTo(1);
        assertThat(admin.get("/calls/statistics/current?scope=tenant").json().get("inner").asLong()).isEqualTo(1);

        advance(30);
        assertThat(state(op2.post("/api/v1/agent/calls/" + callId + "/hangup", null))).isEqualTo("WRAP_UP");
        assertThat(summary(callId).get("outcome")).isEqualTo("answered");
    }

    @Test
    void aCancelledConsultationLeavesTheCallerOnHoldUntilResumed() {
        String callId = opTalking();
        String consultId = op.post("/api/v1/agent/calls/" + callId + "/consult", Map.of("agentId", op2Id))
                .json().get("consultCallId").asString();
        op2.post("/api/v1/agent/calls/" + consultId + "/answer", null);
        advance(10);
        Api.Response back = op.post("/api/v1/agent/calls/" + callId + "/consult/cancel", null);
        assertThat(state(back)).isEqualTo("HOLD");
        assertThat(back.json().get("consultCallId").isNull()).isTrue();
        assertThat(state(op2.get("/api/v1/agent/state"))).isEqualTo("FREE");
        assertThat(sim(consultId).status()).isEqualTo(404);
        assertThat(sim(callId).json().get("state").asString()).isEqualTo("held");
        assertThat(eventData(callId, "consult_cancel")).contains("\"reason\": \"cancel\"");
        assertThat(state(op.post("/api/v1/agent/calls/" + callId + "/resume", null))).isEqualTo("TALKING");
        assertThat(sim(callId).json().get("state").asString()).isEqualTo("connected");
    }

    @Test
    void whenTheConsultedPartyHangsUpTheAgentIsBackWithTheHeldCaller() {
        String callId = opTalking();
        String consultId = op.post("/api/v1/agent/calls/" + callId + "/consult", Map.of("agentId", op2Id))
                .json().get("consultCallId").asString();
        op2.post("/api/v1/agent/calls/" + consultId + "/answer", null);
        advance(5);
        assertThat(state(op2.post("/api/v1/agent/calls/" + consultId + "/hangup", null))).isEqualTo("FREE");
        Api.Response me = op.get("/api/v1/agent/state");
        assertThat(state(me)).isEqualTo("HOLD");
        assertThat(me.json().get("callId").asString()).isEqualTo(callId);
        assertThat(eventData(callId, "consult_cancel")).contains("\"reason\": \"hangup\"");
        assertThat(summary(consultId).get("outcome")).isEqualTo("answered");
    }

    @Test
    void consultationWithANumberAndWithAQueue() {
        String callId = opTalking();
        Api.Response consult = op.post("/api/v1/agent/calls/" + callId + "/consult", Map.of("number", "+74957654321"));
        String consultId = consult.json().get("consultCallId").asString();
        assertThat(sim(consultId).json().get("state").asString()).isEqualTo("dialing");
        // the far end hangs up before answering: back with the held caller
        admin.post("/api/v1/sim/calls/" + consultId + "/hangup", null);
        assertThat(state(op.get("/api/v1/agent/state"))).isEqualTo("HOLD");
        assertThat(summary(consultId).get("outcome")).isEqualTo("not_answered");
        assertThat(summary(consultId).get("direction")).isEqualTo("outbound");

        // a queue: op2's queue 200 offers the consultation to op2
        String toQueue = op.post("/api/v1/agent/calls/" + callId + "/consult", Map.of("queueId", otherQueueId))
                .json().get("consultCallId").asString();
        assertThat(op2.get("/api/v1/agent/state").json().get("callId").asString()).isEqualTo(toQueue);
        op2.post("/api/v1/agent/calls/" + toQueue + "/answer", null);
        assertThat(state(op.post("/api/v1/agent/calls/" + callId + "/consult/cancel", null))).isEqualTo("HOLD");
        assertThat(summary(toQueue).get("dialled")).isEqualTo("200");

        // a number that answers after the switch's delay, then the transfer completes out of the ACD
        String again = op.post("/api/v1/agent/calls/" + callId + "/consult", Map.of("number", "+74957654321"))
                .json().get("consultCallId").asString();
        advance(3);
        assertThat(sim(again).json().get("state").asString()).isEqualTo("connected");
        assertThat(state(op.post("/api/v1/agent/calls/" + callId + "/consult/complete", null))).isEqualTo("WRAP_UP");
        assertThat(sim(callId).json().get("state").asString()).isEqualTo("external");
        assertThat(summary(callId).get("outcome")).isEqualTo("transferred");
        assertThat(eventTypes(again)).containsExactly("dial", "connect", "complete_agent");
        assertThat(rt1(opId.toString(), "outgoing")).isEqualTo(2);
        assertThat(rt1(opId.toString(), "inner")).isEqualTo(1);
    }

    @Test
    void anOutboundCallDialsTalksAndWrapsUpAndNoQueueCallIsOfferedMeanwhile() {
        op.put("/api/v1/agent/queues/" + queueId, null);
        Api.Response dial = op.post("/api/v1/agent/dial", Map.of("number", "+74957654321"));
        assertThat(state(dial)).isEqualTo("DIALING");
        String callId = dial.json().get("callId").asString();
        Api.Response mine = op.get("/api/v1/agent/state");
        assertThat(state(mine)).isEqualTo("DIALING");
        assertThat(mine.json().get("callId").asString()).isEqualTo(callId);
        Api.Response out = sim(callId);
        assertThat(out.json().get("direction").asString()).isEqualTo("outbound");
        assertThat(out.json().get("state").asString()).isEqualTo("dialing");
        assertThat(out.json().get("from").asString()).isEqualTo("201");

        String inbound = call(); // op dials: the caller waits
        assertThat(sim(inbound).json().get("state").asString()).isEqualTo("offered");
        advance(3);
        assertThat(state(op.get("/api/v1/agent/state"))).isEqualTo("TALKING");
        advance(60);
        assertThat(state(op.post("/api/v1/agent/calls/" + callId + "/hangup", null))).isEqualTo("WRAP_UP");
        advance(10);
        assertThat(op.get("/api/v1/agent/state").json().get("callId").asString()).isEqualTo(inbound);

        assertThat(eventTypes(callId)).containsExactly("dial", "connect", "complete_agent");
        assertThat(eventData(callId, "dial")).contains("\"kind\": \"number\"", "+74957654321");
        Map<String, Object> row = summary(callId);
        assertThat(row.get("direction")).isEqualTo("outbound");
        assertThat(row.get("dialled")).isEqualTo("+74957654321");
        assertThat(row.get("caller")).isEqualTo("201");
        assertThat(row.get("outcome")).isEqualTo("answered");
        assertThat(row.get("talk_ms")).isEqualTo(60000L);
        assertThat(row.get("wait_ms")).isEqualTo(3000L);
        assertThat(row.get("agent_id")).isEqualTo(opId);
        assertThat(rt1(opId.toString(), "outgoing")).isEqualTo(1);
        assertThat(admin.get("/calls/statistics/current?scope=tenant").json().get("outgoing").asLong()).isEqualTo(1);
        assertThat(admin.get("/calls/statistics/current?queueId=" + queueId).json().get("outgoing").asLong()).isZero();
        List<String> states = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select state from agent_state_log where tenant_id = ? and user_id = ? order by id")
                .params(acme.id().value(), opId).query(String.class).list());
        assertThat(states).containsSubsequence("FREE", "DIALING", "TALKING", "WRAP_UP", "FREE", "RINGING");
    }

    @Test
    void aPausedOperatorDialsACustomerAndIsPausedAgainAfterwards() {
        Api.Response card = op.post("/api/v1/customers", Map.of("kind", "PERSON", "lastName", "Иванов",
                "phones", List.of(Map.of("number", "+7 495 111-22-33"))));
        assertThat(card.status()).as(card.toString()).isEqualTo(201);
        op.put("/api/v1/agent/queues/" + queueId, null);
        op.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "lunch"));
        Api.Response dial = op.post("/api/v1/agent/dial", Map.of("customerId", card.json().get("id").asString()));
        assertThat(state(dial)).isEqualTo("DIALING");
        String callId = dial.json().get("callId").asString();
        assertThat(sim(callId).json().get("dialled").asString()).isEqualTo("+74951112233");
        advance(1);
        admin.post("/api/v1/sim/calls/" + callId + "/hangup", null); // busy
        Api.Response after = op.get("/api/v1/agent/state");
        assertThat(state(after)).isEqualTo("PAUSED");
        assertThat(after.json().get("reason").asString()).isEqualTo("lunch");
        assertThat(summary(callId).get("outcome")).isEqualTo("not_answered");
        assertThat(eventTypes(callId)).containsExactly("dial", "no_answer");

        // an operator in no queue may dial too, and stays offline
        Api.Response offline = op2.post("/api/v1/agent/dial", Map.of("number", "1234"));
        assertThat(state(offline)).isEqualTo("DIALING");
        advance(3);
        String second = offline.json().get("callId").asString();
        assertThat(state(op2.post("/api/v1/agent/calls/" + second + "/hangup", null))).isEqualTo("OFFLINE");
    }

    @Test
    void refusalsNameTheFieldAndChangeNothing() {
        String callId = opTalking();
        String path = "/api/v1/agent/calls/" + callId + "/transfer";
        Api.Response none = op.post(path, Map.of());
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.field()).isEqualTo("target");
        Api.Response two = op.post(path, Map.of("queueId", otherQueueId, "number", "123"));
        assertThat(two.status()).isEqualTo(422);
        assertThat(two.field()).isEqualTo("number");
        Api.Response badNumber = op.post(path, Map.of("number", "12-ab"));
        assertThat(badNumber.status()).isEqualTo(422);
        assertThat(badNumber.field()).isEqualTo("number");
        assertThat(op.post(path, Map.of("queueId", UUID.randomUUID())).status()).isEqualTo(404);
        assertThat(op.post(path, Map.of("agentId", UUID.randomUUID())).status()).isEqualTo(404);
        op2.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "lunch"));
        Api.Response paused = op.post(path, Map.of("agentId", op2Id));
        assertThat(paused.status()).isEqualTo(409);
        assertThat(paused.code()).isEqualTo("agent_unavailable");
        Api.Response self = op.post("/api/v1/agent/calls/" + callId + "/consult", Map.of("agentId", opId));
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.code()).isEqualTo("agent_unavailable");
        UUID neverLoggedIn = acme.user("op3", "operator");
        assertThat(op.post(path, Map.of("agentId", neverLoggedIn)).code()).isEqualTo("agent_unavailable");
        Api.Response busy = op.post("/api/v1/agent/dial", Map.of("number", "1234"));
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.code()).isEqualTo("agent_busy");
        Api.Response noTarget = op.post("/api/v1/agent/dial", Map.of());
        assertThat(noTarget.status()).isEqualTo(422);
        assertThat(noTarget.field()).isEqualTo("number");
        assertThat(op.post("/api/v1/agent/dial", Map.of("customerId", UUID.randomUUID())).status()).isEqualTo(404);
        Api.Response notConsulting = op.post("/api/v1/agent/calls/" + callId + "/consult/complete", null);
        assertThat(notConsulting.status()).isEqualTo(409);
        assertThat(notConsulting.code()).isEqualTo("not_consulting");
        assertThat(op.post("/api/v1/agent/calls/nope/consult/cancel", null).status()).isEqualTo(404);
        // nothing of that touched the call
        assertThat(state(op.get("/api/v1/agent/state"))).isEqualTo("TALKING");
        assertThat(eventTypes(callId)).containsExactly("offered_by_switch", "enter_queue", "offered", "connect");
    }

    @Test
    void anotherTenantsCallsAgentsQueuesAndCustomersAreNotFound() {
        TestTenant other = tenants.create();
        Api otherAdmin = api.as(other.token(api, "admin"));
        UUID stranger = other.user("op", "operator");
        otherAdmin.patch("/api/v1/users/" + stranger, Map.of("extension", "201"));
        Api strangerApi = api.as(other.token(api, "op"));
        String theirQueue = otherAdmin.post("/api/v1/queues", Map.of("number", "100", "name", "Q")).json()
                .get("id").asString();
        strangerApi.put("/api/v1/agent/queues/" + theirQueue, null);
        String theirCall = otherAdmin.post("/api/v1/sim/calls", Map.of("caller", "+74950000000", "dialled", "100"))
                .json().get("callId").asString();
        strangerApi.post("/api/v1/agent/calls/" + theirCall + "/answer", null);
        String theirCustomer = strangerApi.post("/api/v1/customers", Map.of("kind", "PERSON", "lastName", "Петров",
                "phones", List.of(Map.of("number", "+7 495 222-33-44")))).json().get("id").asString();

        String callId = opTalking();
        String path = "/api/v1/agent/calls/" + callId;
        assertThat(op.post(path + "/transfer", Map.of("agentId", stranger)).status()).isEqualTo(404);
        assertThat(op.post(path + "/consult", Map.of("agentId", stranger)).status()).isEqualTo(404);
        assertThat(op.post(path + "/transfer", Map.of("queueId", theirQueue)).status()).isEqualTo(404);
        assertThat(op.post(path + "/consult", Map.of("queueId", theirQueue)).status()).isEqualTo(404);
        assertThat(op.post("/api/v1/agent/calls/" + theirCall + "/transfer", Map.of("number", "1234")).status())
                .isEqualTo(404);
        assertThat(op.post("/api/v1/agent/calls/" + theirCall + "/consult", Map.of("number", "1234")).status())
                .isEqualTo(404);
        assertThat(op.post("/api/v1/agent/calls/" + theirCall + "/consult/complete", null).status()).isEqualTo(404);
        op.post(path + "/hangup", null);
        advance(10);
        assertThat(op.post("/api/v1/agent/dial", Map.of("customerId", theirCustomer)).status()).isEqualTo(404);
        // their operator's call is as it was
        assertThat(state(strangerApi.get("/api/v1/agent/state"))).isEqualTo("TALKING");
    }
}
