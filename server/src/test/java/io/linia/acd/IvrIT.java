package io.linia.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** ACD-8 through the API and the simulated switch: keys, silence, VIPs, hang-ups in the IVR, broken flows. */
@IntegrationTest
class IvrIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;
    Api admin;
    String sales;
    String support;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        sales = admin.post("/api/v1/queues", Map.of("number", "101", "name", "Sales")).json().get("id").asString();
        support = admin.post("/api/v1/queues", Map.of("number", "102", "name", "Support")).json().get("id").asString();
    }

    private Map<String, Object> flow() {
        List<Map<String, Object>> nodes = List.of(
                Map.of("id", "start", "type", "caller_check", "numbers", List.of("+74950000001"),
                        "listed", "vip", "others", "main"),
                Map.of("id", "vip", "type", "queue", "queueId", support, "priority", 10, "topic", "vip"),
                Map.of("id", "main", "type", "menu", "prompt", "welcome", "options", Map.of("1", "buy", "2", "help"),
                        "timeoutSeconds", 5, "retries", 1, "onFailure", "help"),
                Map.of("id", "buy", "type", "queue", "queueId", sales, "topic", "purchase"),
                Map.of("id", "help", "type", "queue", "queueId", support, "topic", "help"));
        Map<String, Object> f = new HashMap<>();
        f.put("number", "8800");
        f.put("name", "Main menu");
        f.put("entry", "start");
        f.put("nodes", nodes);
        return f;
    }

    private String call(String caller, List<String> dtmf) {
        return admin.post("/api/v1/sim/calls", Map.of("caller", caller, "dialled", "8800", "dtmf", dtmf))
                .json().get("callId").asString();
    }

    private Map<String, Object> summary(String callId) {
        return TenantContext.as(acme.id(), () -> jdbc.sql("select queue_id::text as queue, topic, outcome from calls where tenant_id = ? and id = ?")
                .params(acme.id().value(), callId).query().singleRow());
    }

    private String path(String callId) {
        return TenantContext.as(acme.id(), () -> jdbc.sql(
                "select data::text from call_events where tenant_id = ? and call_id = ? and type in ('ivr_end', 'abandon')")
                .params(acme.id().value(), callId).query(String.class).single());
    }

    @Test
    void aKeyChoosesTheQueueAndTopicSilenceEndsInTheFailureQueueAndVipsSkipTheMenu() {
        assertThat(admin.post("/api/v1/ivr", flow()).status()).isEqualTo(201);

        String buyer = call("+74951111111", List.of("1"));
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 2));
        assertThat(summary(buyer)).containsEntry("queue", sales).containsEntry("topic", "purchase");
        assertThat(admin.get("/api/v1/sim/calls/" + buyer).json().get("state").asString()).isEqualTo("ivr");

        String silent = call("+74952222222", List.of());
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 11));
        assertThat(summary(silent)).containsEntry("queue", support).containsEntry("topic", "help");
        assertThat(path(silent)).contains("main:timeout");

        String vip = call("+74950000001", List.of());
        assertThat(summary(vip)).containsEntry("queue", support).containsEntry("topic", "vip");
        // the VIP is first in line although it came last
        assertThat(TenantContext.as(acme.id(), () -> jdbc.sql(
                "select (data->>'position')::int from call_events where tenant_id = ? and call_id = ? and type = 'enter_queue'")
                .params(acme.id().value(), vip).query(Integer.class).single())).isEqualTo(1);
    }

    @Test
    void aCallerWhoHangsUpInTheIvrIsAnAbandonWithThePathTaken() {
        admin.post("/api/v1/ivr", flow());
        String callId = call("+74953333333", List.of());
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 3));
        admin.post("/api/v1/sim/calls/" + callId + "/hangup", null);
        assertThat(summary(callId)).containsEntry("outcome", "abandoned");
        assertThat(path(callId)).contains("\"inIvr\": true").contains("main");
    }

    @Test
    void aDataDipAsksARealHttpServiceAndRoutesByItsAnswerOrFallsBack() throws Exception {
        com.sun.net.httpserver.HttpServer crm = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        crm.createContext("/segment", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = (query.contains("caller=%2B74957777777") ? "{\"segment\":\"gold\"}" : "{}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        crm.start();
        try {
            String url = "http://127.0.0.1:" + crm.getAddress().getPort() + "/segment";
            Map<String, Object> f = new HashMap<>();
            f.put("number", "8801");
            f.put("name", "CRM routing");
            f.put("entry", "crm");
            f.put("nodes", List.of(
                    Map.of("id", "crm", "type", "data_dip", "url", url, "timeoutMs", 2000, "field", "segment",
                            "routes", Map.of("gold", "vip"), "otherwise", "plain", "onError", "plain"),
                    Map.of("id", "vip", "type", "queue", "queueId", support, "priority", 10, "topic", "gold"),
                    Map.of("id", "plain", "type", "queue", "queueId", sales, "topic", "regular")));
            Api.Response created = admin.post("/api/v1/ivr", f);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);

            String gold = admin.post("/api/v1/sim/calls", Map.of("caller", "+74957777777", "dialled", "8801"))
                    .json().get("callId").asString();
            String other = admin.post("/api/v1/sim/calls", Map.of("caller", "+74958888888", "dialled", "8801"))
                    .json().get("callId").asString();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(summary(gold)).containsEntry("queue", support).containsEntry("topic", "gold");
                assertThat(summary(other)).containsEntry("queue", sales).containsEntry("topic", "regular");
            });
        } finally {
            crm.stop(0);
        }
        // the service is gone: the call takes onError and still reaches a queue
        String lost = admin.post("/api/v1/sim/calls", Map.of("caller", "+74957777777", "dialled", "8801"))
                .json().get("callId").asString();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(summary(lost)).containsEntry("queue", sales));
        assertThat(path(lost)).contains("crm:error");
    }

    @Test
    void brokenFlowsAreRefusedWithTheReasonAndAnotherTenantsFlowIsNotFound() {
        Map<String, Object> dangling = flow();
        dangling.put("entry", "nowhere");
        Api.Response r = admin.post("/api/v1/ivr", dangling);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("dangling_target");
        assertThat(r.field()).isEqualTo("entry");

        Map<String, Object> orphan = flow();
        List<Object> nodes = new java.util.ArrayList<>((List<?>) orphan.get("nodes"));
        nodes.add(Map.of("id", "lost", "type", "message", "prompt", "bye"));
        orphan.put("nodes", nodes);
        Api.Response o = admin.post("/api/v1/ivr", orphan);
        assertThat(o.code()).isEqualTo("unreachable_node");
        assertThat(o.field()).isEqualTo("nodes.lost");

        Map<String, Object> badType = flow();
        badType.put("nodes", List.of(Map.of("id", "x", "type", "teleport")));
        assertThat(admin.post("/api/v1/ivr", badType).field()).isEqualTo("nodes.x.type");

        String id = admin.post("/api/v1/ivr", flow()).json().get("id").asString();
        assertThat(admin.post("/api/v1/ivr", flow()).code()).isEqualTo("duplicate_number");
        TestTenant other = tenants.create();
        Api intruder = api.as(other.token(api, "admin"));
        assertThat(intruder.get("/api/v1/ivr/" + id).status()).isEqualTo(404);
        assertThat(intruder.delete("/api/v1/ivr/" + id).status()).isEqualTo(404);
        acme.user("op", "operator");
        assertThat(api.as(acme.token(api, "op")).get("/api/v1/ivr").status()).isEqualTo(403);
    }
}
