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
 * Wrap-up with a result code and a comment (WS-3) and the workstation's own reads (WS-2, WS-4),
 * on the simulated switch and virtual time: the code is stored on the call with a wrapup event,
 * audited, and ends the operator's wrap-up time; only the operator's last call; the tenant's
 * list of codes; another tenant sees nothing.
 */
@IntegrationTest
class WrapupIT {

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
                "ringTimeoutSeconds", 15, "wrapUpSeconds", 120));
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

    private String state(Api who) {
        return who.get("/api/v1/agent/state").json().get("state").asString();
    }

    /** A call rung at the operator, answered, talked 30 s and hung up by the operator. */
    private String talkedCall(String caller) {
        String id = call(caller);
        assertThat(operator.post("/api/v1/agent/calls/" + id + "/answer", null).status()).isEqualTo(200);
        advance(30);
        assertThat(operator.post("/api/v1/agent/calls/" + id + "/hangup", null).status()).isEqualTo(200);
        return id;
    }

    @Test
    void aWrapUpStoresCodeAndCommentOnTheCallIsAuditedAndEndsTheWrapUpTime() {
        operator.put("/api/v1/agent/queues/" + queueId, null);
        String callId = talkedCall("+74951234567");
        assertThat(state(operator)).isEqualTo("WRAP_UP");

        Api.Response unknown = operator.post("/api/v1/agent/calls/" + callId + "/wrapup",
                Map.of("resultCode", "no_such_code", "comment", "x"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("unknown_code");
        assertThat(unknown.field()).isEqualTo("resultCode");
        Api.Response missing = operator.post("/api/v1/agent/calls/" + callId + "/wrapup", Map.of("comment", "x"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.field()).isEqualTo("resultCode");
        assertThat(state(operator)).as("a refused wrap-up changes nothing").isEqualTo("WRAP_UP");

        Api.Response ok = operator.post("/api/v1/agent/calls/" + callId + "/wrapup",
                Map.of("resultCode", "consultation", "comment", "Спросил про тариф\nперезвонит"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("resultCode").asString()).isEqualTo("consultation");
        assertThat(state(operator)).as("the wrap-up ends the wrap-up time at once").isEqualTo("FREE");

        Map<String, Object> row = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select result_code, wrapup_comment, wrapped_up_by from calls where tenant_id = ? and id = ?")
                .params(acme.id().value(), callId).query().singleRow());
        assertThat(row.get("result_code")).isEqualTo("consultation");
        assertThat(row.get("wrapup_comment")).isEqualTo("Спросил про тариф\nперезвонит");
        assertThat(row.get("wrapped_up_by")).isEqualTo(operatorId);
        List<String> events = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select type from call_events where tenant_id = ? and call_id = ? order by id")
                .params(acme.id().value(), callId).query(String.class).list());
        assertThat(events).endsWith("complete_agent", "wrapup");
        String audited = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select after_state from audit_log where tenant_id = ? and action = 'call.wrapup' and resource_id = ?")
                .params(acme.id().value(), callId).query(String.class).single());
        assertThat(audited).contains("consultation");
        List<String> states = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select state from agent_state_log where tenant_id = ? and user_id = ? order by id")
                .params(acme.id().value(), operatorId).query(String.class).list());
        assertThat(states).containsExactly("FREE", "RINGING", "TALKING", "WRAP_UP", "FREE");

        // the card's timeline shows the result (WS-4, CRM-3)
        Api.Response card = operator.post("/api/v1/customers", Map.of("kind", "PERSON", "lastName", "Петров",
                "phones", List.of(Map.of("number", "8 495 123-45-67"))));
        assertThat(card.status()).as(card.toString()).isEqualTo(201);
        Api.Response timeline = operator.get("/api/v1/customers/" + card.json().get("id").asString() + "/timeline");
        var entry = timeline.json().get("items").get(0).get("details");
        assertThat(entry.get("resultCode").asString()).isEqualTo("consultation");
        assertThat(entry.get("wrapupComment").asString()).isEqualTo("Спросил про тариф\nперезвонит");

        // a correction of the same (still last) call is allowed and does not touch the state
        assertThat(operator.post("/api/v1/agent/calls/" + callId + "/wrapup",
                Map.of("resultCode", "resolved")).status()).isEqualTo(200);
        assertThat(state(operator)).isEqualTo("FREE");
    }

    @Test
    void aPauseChosenDuringWrapUpStaysAfterTheWrapUp() {
        operator.put("/api/v1/agent/queues/" + queueId, null);
        String callId = talkedCall("+74951234567");
        assertThat(operator.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "break")).status())
                .isEqualTo(200);
        assertThat(operator.post("/api/v1/agent/calls/" + callId + "/wrapup",
                Map.of("resultCode", "resolved")).status()).isEqualTo(200);
        assertThat(state(operator)).isEqualTo("PAUSED");
    }

    @Test
    void onlyTheOperatorsLastCallCanBeWrappedUp() {
        operator.put("/api/v1/agent/queues/" + queueId, null);
        String first = talkedCall("+74951234567");
        advance(121); // the wrap-up time runs out: free again
        assertThat(state(operator)).isEqualTo("FREE");
        String second = talkedCall("+74951234568");

        Api.Response stale = operator.post("/api/v1/agent/calls/" + first + "/wrapup", Map.of("resultCode", "resolved"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("not_your_last_call");
        assertThat(stale.field()).isEqualTo("callId");

        // a colleague cannot wrap up this operator's call
        UUID otherId = acme.user("op2", "operator");
        Api other = api.as(acme.token(api, "op2"));
        assertThat(other.post("/api/v1/agent/calls/" + second + "/wrapup", Map.of("resultCode", "resolved")).status())
                .isEqualTo(409);
        assertThat(other.get("/api/v1/agent/calls/" + second).status()).isEqualTo(404);
        assertThat(otherId).isNotNull();
        assertThat(operator.post("/api/v1/agent/calls/" + second + "/wrapup", Map.of("resultCode", "resolved")).status())
                .isEqualTo(200);
        assertThat(operator.post("/api/v1/agent/calls/nope/wrapup", Map.of("resultCode", "resolved")).status())
                .isEqualTo(404);
    }

    @Test
    void theTenantSetsItsOwnResultCodes() {
        assertThat(operator.get("/api/v1/wrapup-codes").json().get("codes").get(0).get("code").asString())
                .isEqualTo("resolved");
        assertThat(operator.put("/api/v1/wrapup-codes", Map.of("codes", List.of(Map.of("code", "sale", "name", "Продажа"))))
                .status()).isEqualTo(403);
        Api.Response bad = admin.put("/api/v1/wrapup-codes", Map.of("codes", List.of(Map.of("code", "Bad Code", "name", "x"))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.field()).isEqualTo("codes.code");
        Api.Response twice = admin.put("/api/v1/wrapup-codes", Map.of("codes", List.of(
                Map.of("code", "sale", "name", "Продажа"), Map.of("code", "sale", "name", "Ещё"))));
        assertThat(twice.code()).isEqualTo("duplicate_code");
        Api.Response set = admin.put("/api/v1/wrapup-codes", Map.of("codes", List.of(
                Map.of("code", "sale", "name", "Продажа"), Map.of("code", "no_sale", "name", "Отказ"))));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(operator.get("/api/v1/wrapup-codes").json().get("codes").size()).isEqualTo(2);

        operator.put("/api/v1/agent/queues/" + queueId, null);
        String callId = talkedCall("+74951234567");
        assertThat(operator.post("/api/v1/agent/calls/" + callId + "/wrapup", Map.of("resultCode", "resolved")).code())
                .as("the defaults no longer count").isEqualTo("unknown_code");
        assertThat(operator.post("/api/v1/agent/calls/" + callId + "/wrapup", Map.of("resultCode", "sale")).status())
                .isEqualTo(200);

        TestTenant other = tenants.create();
        assertThat(api.as(other.token(api, "admin")).get("/api/v1/wrapup-codes").json().get("codes").get(0).get("code")
                .asString()).as("another tenant keeps the defaults").isEqualTo("resolved");
    }

    @Test
    void theOperatorReadsTheRingingCallsDetailsQueuesAndColleagues() {
        acme.user("op2", "operator");
        Api colleague = api.as(acme.token(api, "op2"));
        UUID colleagueId = UUID.fromString(colleague.get("/api/v1/agent/state").json().get("userId").asString());
        assertThat(admin.patch("/api/v1/users/" + colleagueId, Map.of("extension", "202")).status()).isEqualTo(200);
        colleague.put("/api/v1/agent/queues/" + queueId, null);
        colleague.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "lunch"));

        Api.Response queues = operator.get("/api/v1/agent/queues");
        assertThat(queues.json().get("queues").get(0).get("joined").asBoolean()).isFalse();
        assertThat(queues.json().get("now").asLong()).isPositive();
        operator.put("/api/v1/agent/queues/" + queueId, null);
        assertThat(operator.get("/api/v1/agent/queues").json().get("queues").get(0).get("joined").asBoolean()).isTrue();

        String callId = call("+74951234567");
        Api.Response details = operator.get("/api/v1/agent/calls/" + callId);
        assertThat(details.status()).as(details.toString()).isEqualTo(200);
        assertThat(details.json().get("caller").asString()).isEqualTo("+74951234567");
        assertThat(details.json().get("queueName").asString()).isEqualTo("Справочная");
        assertThat(colleague.get("/api/v1/agent/calls/" + callId).status()).as("not the colleague's call").isEqualTo(404);

        Api.Response colleagues = operator.get("/api/v1/agent/colleagues");
        assertThat(colleagues.status()).isEqualTo(200);
        assertThat(colleagues.json().size()).isEqualTo(1);
        assertThat(colleagues.json().get(0).get("userId").asString()).isEqualTo(colleagueId.toString());
        assertThat(colleagues.json().get(0).get("state").asString()).isEqualTo("PAUSED");
        assertThat(colleagues.json().get(0).get("reason").asString()).isEqualTo("lunch");
    }

    @Test
    void anotherTenantSeesNeitherTheCallNorCanWrapItUp() {
        operator.put("/api/v1/agent/queues/" + queueId, null);
        String callId = talkedCall("+74951234567");
        TestTenant other = tenants.create();
        other.user("op", "operator");
        Api stranger = api.as(other.token(api, "op"));
        assertThat(stranger.get("/api/v1/agent/calls/" + callId).status()).isEqualTo(404);
        Api.Response r = stranger.post("/api/v1/agent/calls/" + callId + "/wrapup", Map.of("resultCode", "resolved"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/agent/colleagues").json().size()).isZero();
        assertThat(state(operator)).isEqualTo("WRAP_UP");
    }
}
