package io.linia.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The remaining queue settings of ACD-1 through the API: music on hold, announcements of place
 * and expected wait, the operator script (WS-6) and the knowledge topic (WS-5) — stored, checked
 * (422 naming the field), kept per tenant, and carried out on the simulated switch's calls.
 */
@IntegrationTest
class QueueWaitingCallerIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    Api api;
    TestTenant acme;
    Api admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
    }

    private static Map<String, Object> queue(String number) {
        Map<String, Object> m = new HashMap<>();
        m.put("number", number);
        m.put("name", "Queue " + number);
        return m;
    }

    private String topic(Api as, String name) {
        Api.Response r = as.post("/api/v1/kb/topics", Map.of("name", name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private void advance(int seconds) {
        assertThat(admin.post("/api/v1/sim/clock/advance", Map.of("seconds", seconds)).status()).isEqualTo(200);
    }

    @Test
    void theWaitingCallersSettingsTheScriptAndTheTopicMakeARoundTrip() {
        String kb = topic(admin, "Support answers");
        Api.Response plain = admin.post("/api/v1/queues", queue("500"));
        assertThat(plain.status()).as(plain.toString()).isEqualTo(201);
        JsonNode d = plain.json();
        assertThat(d.get("mohClass").asString()).isEqualTo("default");
        assertThat(d.get("announcePosition").asBoolean()).isFalse();
        assertThat(d.get("announceExpectedWait").asBoolean()).isFalse();
        assertThat(d.get("announceEverySeconds").asInt()).isEqualTo(60);
        assertThat(d.get("script").isNull()).isTrue();
        assertThat(d.get("kbTopicId").isNull()).isTrue();

        Map<String, Object> edit = queue("500");
        edit.put("mohClass", "support_jazz-2");
        edit.put("announcePosition", true);
        edit.put("announceExpectedWait", true);
        edit.put("announceEverySeconds", 45);
        edit.put("script", "# Greeting\nSay **hello**.");
        edit.put("kbTopicId", kb);
        edit.put("version", 0);
        Api.Response saved = admin.put("/api/v1/queues/" + d.get("id").asString(), edit);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        JsonNode q = admin.get("/api/v1/queues/" + d.get("id").asString()).json();
        assertThat(q.get("mohClass").asString()).isEqualTo("support_jazz-2");
        assertThat(q.get("announcePosition").asBoolean()).isTrue();
        assertThat(q.get("announceExpectedWait").asBoolean()).isTrue();
        assertThat(q.get("announceEverySeconds").asInt()).isEqualTo(45);
        assertThat(q.get("script").asString()).isEqualTo("# Greeting\nSay **hello**.");
        assertThat(q.get("kbTopicId").asString()).isEqualTo(kb);

        // the OpenAPI document describes the new fields with their limits
        JsonNode schema = api.get("/v3/api-docs").json().get("components").get("schemas").get("QueueSettings");
        assertThat(schema.get("properties").get("mohClass").get("description").asString()).contains("musiconhold.conf");
        assertThat(schema.get("properties").get("announceEverySeconds").get("maximum").asInt()).isEqualTo(600);
        String doc = api.get("/v3/api-docs").body();
        assertThat(doc).contains("\"mohClass\"", "musiconhold.conf", "\"announceEverySeconds\"", "\"kbTopicId\"",
                "\"scriptHtml\"");

        // the topic deleted, the queue names none
        assertThat(admin.delete("/api/v1/kb/topics/" + kb).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/queues/" + d.get("id").asString()).json().get("kbTopicId").isNull()).isTrue();
    }

    @Test
    void eachBadValueIsRefusedWith422NamingItsField() {
        Map<String, Object> moh = queue("510");
        moh.put("mohClass", "jazz; rm -rf");
        Api.Response r = admin.post("/api/v1/queues", moh);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.field()).isEqualTo("mohClass");
        moh.put("mohClass", "x".repeat(81));
        assertThat(admin.post("/api/v1/queues", moh).field()).isEqualTo("mohClass");

        for (int every : new int[] {14, 601}) {
            Map<String, Object> often = queue("511");
            often.put("announceEverySeconds", every);
            Api.Response o = admin.post("/api/v1/queues", often);
            assertThat(o.status()).as(o.toString()).isEqualTo(422);
            assertThat(o.field()).isEqualTo("announceEverySeconds");
        }

        Map<String, Object> script = queue("512");
        script.put("script", "x".repeat(QueueService.SCRIPT_MAX + 1));
        Api.Response s = admin.post("/api/v1/queues", script);
        assertThat(s.status()).as(s.toString()).isEqualTo(422);
        assertThat(s.field()).isEqualTo("script");

        Map<String, Object> topic = queue("513");
        topic.put("kbTopicId", UUID.randomUUID().toString());
        Api.Response t = admin.post("/api/v1/queues", topic);
        assertThat(t.status()).as(t.toString()).isEqualTo(422);
        assertThat(t.field()).isEqualTo("kbTopicId");
        assertThat(admin.get("/api/v1/queues").json().size()).isZero();
    }

    @Test
    void anotherTenantsQueueIsNotFoundAndItsTopicsCannotBeNamed() {
        Map<String, Object> mine = queue("520");
        mine.put("mohClass", "mine");
        String id = admin.post("/api/v1/queues", mine).json().get("id").asString();
        TestTenant other = tenants.create();
        Api intruder = api.as(other.token(api, "admin"));
        Map<String, Object> edit = queue("520");
        edit.put("mohClass", "theirs");
        edit.put("version", 0);
        assertThat(intruder.put("/api/v1/queues/" + id, edit).status()).isEqualTo(404);
        assertThat(intruder.get("/api/v1/queues/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/queues/" + id).json().get("mohClass").asString()).isEqualTo("mine");

        String theirTopic = topic(intruder, "Their secrets");
        Map<String, Object> named = queue("521");
        named.put("kbTopicId", theirTopic);
        Api.Response r = admin.post("/api/v1/queues", named);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.field()).isEqualTo("kbTopicId");
    }

    @Test
    void aWaitingCallerHearsTheQueuesMusicAndIsToldItsPlaceUntilAnAgentTakesIt() {
        Map<String, Object> q = queue("530");
        q.put("mohClass", "support");
        q.put("announcePosition", true);
        q.put("announceExpectedWait", true);
        q.put("announceEverySeconds", 30);
        String id = admin.post("/api/v1/queues", q).json().get("id").asString();
        String first = admin.post("/api/v1/sim/calls", Map.of("caller", "+74950000001", "dialled", "530"))
                .json().get("callId").asString();
        String second = admin.post("/api/v1/sim/calls", Map.of("caller", "+74950000002", "dialled", "530"))
                .json().get("callId").asString();
        advance(1);
        assertThat(admin.get("/api/v1/sim/calls/" + first).json().get("mohClass").asString()).isEqualTo("support");
        assertThat(admin.get("/api/v1/sim/calls/" + first).json().get("announcements").size()).isZero();
        advance(30);
        JsonNode told = admin.get("/api/v1/sim/calls/" + second).json().get("announcements");
        assertThat(told.size()).isEqualTo(1);
        assertThat(told.get(0).get("position").asInt()).isEqualTo(2);
        assertThat(told.get(0).get("expectedWaitMinutes").isNull()).isTrue(); // no call handled yet: not known

        // the first caller gives up: the second is next at the following announcement
        assertThat(admin.post("/api/v1/sim/calls/" + first + "/hangup", null).status()).isEqualTo(200);
        advance(30);
        told = admin.get("/api/v1/sim/calls/" + second).json().get("announcements");
        assertThat(told.size()).isEqualTo(2);
        assertThat(told.get(1).get("position").asInt()).isEqualTo(1);

        // an agent takes it: nothing more is announced
        UUID agent = acme.user("op", "operator");
        Api op = api.as(acme.token(api, "op"));
        assertThat(op.put("/api/v1/agent/queues/" + id, null).status()).isIn(200, 204);
        assertThat(op.post("/api/v1/agent/calls/" + second + "/answer", null).status()).isEqualTo(200);
        advance(120);
        assertThat(admin.get("/api/v1/sim/calls/" + second).json().get("announcements").size()).isEqualTo(2);
        assertThat(admin.get("/api/v1/sim/calls/" + second).json().get("state").asString()).isEqualTo("connected");
        assertThat(agent).isNotNull();
        admin.post("/api/v1/sim/calls/" + second + "/hangup", null);
    }

    @Test
    void theOperatorGetsTheQueuesScriptAsSanitizedHtmlWithTheCall() {
        Map<String, Object> q = queue("540");
        q.put("script", "Say **hello**.<script>alert(1)</script>\n\n[x](javascript:alert(2))");
        String id = admin.post("/api/v1/queues", q).json().get("id").asString();
        String plainQueue = admin.post("/api/v1/queues", queue("541")).json().get("id").asString();
        acme.user("op", "operator");
        Api op = api.as(acme.token(api, "op"));
        op.put("/api/v1/agent/queues/" + id, null);
        op.put("/api/v1/agent/queues/" + plainQueue, null);
        String call = admin.post("/api/v1/sim/calls", Map.of("caller", "+74950000003", "dialled", "540"))
                .json().get("callId").asString();
        advance(1);
        Api.Response details = op.get("/api/v1/agent/calls/" + call);
        assertThat(details.status()).as(details.toString()).isEqualTo(200);
        String html = details.json().get("scriptHtml").asString();
        assertThat(html).contains("<strong>hello</strong>").doesNotContain("<script").doesNotContain("javascript:");
        admin.post("/api/v1/sim/calls/" + call + "/hangup", null);
        advance(1);

        String other = admin.post("/api/v1/sim/calls", Map.of("caller", "+74950000004", "dialled", "541"))
                .json().get("callId").asString();
        advance(1);
        assertThat(op.get("/api/v1/agent/calls/" + other).json().get("scriptHtml").isNull()).isTrue();
        admin.post("/api/v1/sim/calls/" + other + "/hangup", null);
    }
}
