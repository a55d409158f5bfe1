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
 * ACD-2: login from a phone with *45&lt;queue&gt; and the PIN (a wrong PIN is refused and
 * audited; the same code logs out), and one agent in two queues has separate figures per queue.
 */
@IntegrationTest
class PhoneLoginIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;
    Api admin;
    UUID agent;
    String q100;
    String q200;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        agent = acme.user("ivanova", "operator");
        admin.patch("/api/v1/users/" + agent, Map.of("extension", "205", "agentPin", "4321"));
        q100 = admin.post("/api/v1/queues", Map.of("number", "100", "name", "A")).json().get("id").asString();
        q200 = admin.post("/api/v1/queues", Map.of("number", "200", "name", "B")).json().get("id").asString();
    }

    private String prompt(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("prompt").asString();
    }

    private List<String> audited() {
        return TenantContext.as(acme.id(), () -> jdbc.sql("""
                select action || ':' || result from audit_log
                 where tenant_id = ? and action like 'agent.phone%' order by id
                """).param(acme.id().value()).query(String.class).list());
    }

    @Test
    void aWrongPinIsRefusedAndAuditedTheRightOneLogsInAndTheSameCodeLogsOut() {
        assertThat(prompt(admin.post("/api/v1/sim/phones/205/dial", Map.of("digits", "*45100")))).isEqualTo("enter_pin");
        assertThat(prompt(admin.post("/api/v1/sim/phones/205/dtmf", Map.of("digits", "1111#")))).isEqualTo("wrong_pin");
        assertThat(admin.get("/api/v1/queues/" + q100 + "/members").body()).doesNotContain(agent.toString());

        admin.post("/api/v1/sim/phones/205/dial", Map.of("digits", "*45100"));
        assertThat(prompt(admin.post("/api/v1/sim/phones/205/dtmf", Map.of("digits", "4321#")))).isEqualTo("logged_in");
        assertThat(admin.get("/api/v1/queues/" + q100 + "/members").body()).contains(agent.toString());
        assertThat(api.as(acme.token(api, "ivanova")).get("/api/v1/agent/state").json().get("state").asString())
                .isEqualTo("FREE");

        assertThat(prompt(admin.post("/api/v1/sim/phones/205/dial", Map.of("digits", "*45100")))).isEqualTo("logged_out");
        assertThat(admin.get("/api/v1/queues/" + q100 + "/members").body()).doesNotContain(agent.toString());

        assertThat(audited()).containsExactly("agent.phone_login:wrong_pin", "agent.phone_login:success",
                "agent.phone_logout:success");
    }

    @Test
    void unknownCodesQueuesAndPhonesAreToldSo() {
        assertThat(prompt(admin.post("/api/v1/sim/phones/205/dial", Map.of("digits", "*46100")))).isEqualTo("unknown_code");
        assertThat(prompt(admin.post("/api/v1/sim/phones/205/dial", Map.of("digits", "*45999")))).isEqualTo("unknown_queue");
        assertThat(prompt(admin.post("/api/v1/sim/phones/299/dial", Map.of("digits", "*45100")))).isEqualTo("unknown_phone");
        assertThat(prompt(admin.post("/api/v1/sim/phones/205/dtmf", Map.of("digits", "4321")))).isEqualTo("nothing_to_enter");
        assertThat(admin.post("/api/v1/sim/phones/205/dtmf", Map.of("digits", "12a")).field()).isEqualTo("digits");
    }

    @Test
    void oneAgentInTwoQueuesHasSeparateFiguresPerQueue() {
        Api op = api.as(acme.token(api, "ivanova"));
        op.put("/api/v1/agent/queues/" + q100, null);
        op.put("/api/v1/agent/queues/" + q200, null);
        for (String number : List.of("100", "100", "200")) {
            String call = admin.post("/api/v1/sim/calls", Map.of("caller", "1", "dialled", number)).json()
                    .get("callId").asString();
            op.post("/api/v1/agent/calls/" + call + "/answer", null);
            admin.post("/api/v1/sim/clock/advance", Map.of("seconds", number.equals("100") ? 30 : 90));
            op.post("/api/v1/agent/calls/" + call + "/hangup", null);
        }
        var first = admin.get("/calls/statistics/current?queueId=" + q100).json();
        var second = admin.get("/calls/statistics/current?queueId=" + q200).json();
        assertThat(first.get("incoming").asLong()).isEqualTo(2);
        assertThat(first.get("averageCallTime").get("sum").asLong()).isEqualTo(60);
        assertThat(second.get("incoming").asLong()).isEqualTo(1);
        assertThat(second.get("averageCallTime").get("sum").asLong()).isEqualTo(90);
        assertThat(op.get("/calls/statistics/current").json().get("incoming").asLong()).isEqualTo(3);
    }
}
