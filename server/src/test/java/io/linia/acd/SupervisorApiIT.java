package io.linia.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The supervisor's controls (ACD-11, ACD-2) and tile thresholds (RT-7) through the API: a
 * forced state reaches the agent's own workstation by push, listen / whisper / barge join the
 * supervisor's phone on the simulated switch, and every refusal has its status and code.
 */
@IntegrationTest
class SupervisorApiIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    Api api;
    TestTenant acme;
    Api admin;
    Api boss;
    Api operator;
    UUID opId;
    UUID bossId;
    String queue;
    final List<WebSocket> sockets = new ArrayList<>();

    /** A WebSocket client that keeps every frame it receives. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(Api.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        /** The next own status event, skipping other frames. */
        JsonNode nextStatus() throws InterruptedException {
            while (true) {
                JsonNode f = frames.poll(5, TimeUnit.SECONDS);
                assertThat(f).as("a frame arrives").isNotNull();
                if ("EVENT".equals(f.get("type").asString()) && "current_user_event".equals(f.get("topic").asString())
                        && "on_user_status_changed".equals(f.get("data").get("type").asString())) {
                    return f.get("data").get("data");
                }
            }
        }
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        opId = acme.user("op", "operator");
        bossId = acme.user("boss", "project_group_manager");
        assertThat(admin.patch("/api/v1/users/" + opId, Map.of("extension", "201")).status()).isEqualTo(200);
        operator = api.as(acme.token(api, "op"));
        boss = api.as(acme.token(api, "boss"));
        queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Справочная", "wrapUpSeconds", 0))
                .json().get("id").asString();
    }

    @AfterEach
    void close() {
        sockets.forEach(WebSocket::abort);
    }

    private Client connect(String token) {
        Client c = new Client();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://localhost:" + port + "/websocket"), c).join();
        sockets.add(ws);
        ws.sendText("{\"type\":\"SUBSCRIBE\",\"topic\":\"current_user_event\"}", true).join();
        return c;
    }

    private List<String> audited(String prefix) {
        return TenantContext.as(acme.id(), () -> jdbc.sql("""
                select action || ':' || coalesce(resource_id, '') from audit_log
                 where tenant_id = ? and action like ? order by id
                """).params(acme.id().value(), prefix + "%").query(String.class).list());
    }

    private List<String> eventTypes(String callId) {
        return TenantContext.as(acme.id(), () -> jdbc.sql(
                "select type from call_events where tenant_id = ? and call_id = ? order by id")
                .params(acme.id().value(), callId).query(String.class).list());
    }

    private void advance(int seconds) {
        assertThat(admin.post("/api/v1/sim/clock/advance", Map.of("seconds", seconds)).status()).isEqualTo(200);
    }

    private JsonNode agentRow(Api as, UUID id) {
        for (JsonNode a : as.get("/api/v1/wallboard").json().get("agents")) {
            if (a.get("userId").asString().equals(id.toString())) {
                return a;
            }
        }
        return null;
    }

    @Test
    void aForcedStateReachesTheAgentsOwnWorkstationByPushAndIsAudited() throws Exception {
        assertThat(operator.put("/api/v1/agent/queues/" + queue, null).status()).isEqualTo(200);
        Client workstation = connect(acme.token(api, "op"));

        Api.Response paused = boss.put("/api/v1/agents/" + opId + "/state", Map.of("state", "PAUSED", "reason", "lunch"));
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.json().get("state").asString()).isEqualTo("PAUSED");
        JsonNode pushed = workstation.nextStatus();
        assertThat(pushed.get("state").asString()).isEqualTo("PAUSED");
        assertThat(pushed.get("reason").asString()).isEqualTo("lunch");

        assertThat(boss.put("/api/v1/agents/" + opId + "/state", Map.of("state", "free")).status()).isEqualTo(200);
        assertThat(workstation.nextStatus().get("state").asString()).isEqualTo("FREE");

        Api.Response out = boss.put("/api/v1/agents/" + opId + "/state", Map.of("state", "OFFLINE"));
        assertThat(out.json().get("queues")).isEmpty();
        assertThat(workstation.nextStatus().get("state").asString()).isEqualTo("OFFLINE");
        assertThat(admin.get("/api/v1/queues/" + queue + "/members").body()).doesNotContain(opId.toString());
        // a logged-out agent stays on the board, offline, so a supervisor can put them back
        JsonNode row = agentRow(boss, opId);
        assertThat(row.get("state").asString()).isEqualTo("OFFLINE");
        assertThat(row.get("queueIds")).isEmpty();

        assertThat(audited("agent.force_state")).containsExactly("agent.force_state:" + opId,
                "agent.force_state:" + opId, "agent.force_state:" + opId);
    }

    @Test
    void impossibleStatesUnknownUsersAndOtherTenantsAreRefused() {
        // not in any queue: cannot be made free or paused
        Api.Response free = boss.put("/api/v1/agents/" + opId + "/state", Map.of("state", "FREE"));
        assertThat(free.status()).as(free.toString()).isEqualTo(409);
        assertThat(free.code()).isEqualTo("invalid_state");
        Api.Response bad = boss.put("/api/v1/agents/" + opId + "/state", Map.of("state", "NAPPING"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.field()).isEqualTo("state");
        operator.put("/api/v1/agent/queues/" + queue, null);
        Api.Response noReason = boss.put("/api/v1/agents/" + opId + "/state", Map.of("state", "PAUSED"));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.field()).isEqualTo("reason");
        Api.Response unknownReason = boss.put("/api/v1/agents/" + opId + "/state",
                Map.of("state", "PAUSED", "reason", "siesta"));
        assertThat(unknownReason.status()).isEqualTo(422);
        assertThat(boss.put("/api/v1/agents/" + UUID.randomUUID() + "/state", Map.of("state", "FREE")).status())
                .isEqualTo(404);

        TestTenant other = tenants.create();
        Api otherBoss = api.as(other.token(api, "admin"));
        assertThat(otherBoss.put("/api/v1/agents/" + opId + "/state", Map.of("state", "OFFLINE")).status())
                .isEqualTo(404);
        assertThat(operator.get("/api/v1/agent/state").json().get("state").asString()).isEqualTo("FREE");
        // an operator has no supervisor controls
        assertThat(operator.put("/api/v1/agents/" + opId + "/state", Map.of("state", "OFFLINE")).status())
                .isEqualTo(403);
        assertThat(audited("agent.force_state")).isEmpty();
    }

    @Test
    void aSupervisorAddsAndRemovesAnAgentToAndFromAQueueAnOperatorCannot() {
        assertThat(boss.put("/api/v1/queues/" + queue + "/members/" + opId, null).status()).isEqualTo(204);
        assertThat(operator.get("/api/v1/agent/state").json().get("queues").get(0).asString()).isEqualTo(queue);
        assertThat(agentRow(boss, opId).get("queues").get(0).asString()).isEqualTo("100");
        // RT-7: the queue's tile counts its agents by state; offline = in the queue today, logged out now
        JsonNode tile = boss.get("/api/v1/wallboard").json().get("queues").get(0);
        assertThat(tile.get("free").asInt()).as(tile.toString()).isEqualTo(1);
        assertThat(tile.get("offline").asInt()).isZero();
        assertThat(operator.put("/api/v1/agent/state", Map.of("state", "OFFLINE")).status()).isEqualTo(200);
        tile = boss.get("/api/v1/wallboard").json().get("queues").get(0);
        assertThat(tile.get("offline").asInt()).as(tile.toString()).isEqualTo(1);
        assertThat(tile.get("free").asInt()).isZero();
        assertThat(boss.put("/api/v1/queues/" + queue + "/members/" + opId, null).status()).isEqualTo(204);
        tile = boss.get("/api/v1/wallboard").json().get("queues").get(0);
        assertThat(tile.get("offline").asInt()).as(tile.toString()).isZero();
        assertThat(tile.get("free").asInt()).isEqualTo(1);
        assertThat(boss.delete("/api/v1/queues/" + queue + "/members/" + opId).status()).isEqualTo(204);
        assertThat(operator.get("/api/v1/agent/state").json().get("queues")).isEmpty();
        UUID other = acme.user("op2", "operator");
        assertThat(operator.put("/api/v1/queues/" + queue + "/members/" + other, null).status()).isEqualTo(403);
        // the sign-out above left the queue and the supervisor added the agent again
        assertThat(audited("queue.member")).containsExactly("queue.member_add:" + queue,
                "queue.member_remove:" + queue, "queue.member_add:" + queue, "queue.member_remove:" + queue);
    }

    @Test
    void listenWhisperAndStopOnTheSimulatedSwitchAreStoredAndAudited() {
        Api.Response noPhone = boss.post("/api/v1/calls/whatever/monitor", Map.of("mode", "LISTEN"));
        assertThat(noPhone.status()).as(noPhone.toString()).isEqualTo(422);
        assertThat(noPhone.code()).isEqualTo("no_extension");
        assertThat(noPhone.field()).isEqualTo("extension");
        assertThat(admin.patch("/api/v1/users/" + bossId, Map.of("extension", "401")).status()).isEqualTo(200);
        assertThat(boss.post("/api/v1/calls/nope/monitor", Map.of("mode", "LISTEN")).status()).isEqualTo(404);

        operator.put("/api/v1/agent/queues/" + queue, null);
        String callId = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951234567", "dialled", "100"))
                .json().get("callId").asString();
        Api.Response ringing = boss.post("/api/v1/calls/" + callId + "/monitor", Map.of("mode", "LISTEN"));
        assertThat(ringing.status()).isEqualTo(409);
        assertThat(ringing.code()).isEqualTo("not_connected");
        assertThat(boss.post("/api/v1/calls/" + callId + "/monitor", Map.of("mode", "SPY")).code())
                .isEqualTo("unknown_mode");

        operator.post("/api/v1/agent/calls/" + callId + "/answer", null);
        JsonNode row = agentRow(boss, opId);
        assertThat(row.get("callId").asString()).isEqualTo(callId);
        assertThat(row.get("caller").asString()).isEqualTo("+74951234567");
        assertThat(row.get("callQueue").asString()).isEqualTo("100");

        Api.Response listen = boss.post("/api/v1/calls/" + callId + "/monitor", Map.of("mode", "listen"));
        assertThat(listen.status()).as(listen.toString()).isEqualTo(200);
        assertThat(listen.json().get("endpoint").asString()).isEqualTo("401");
        assertThat(listen.json().get("agentId").asString()).isEqualTo(opId.toString());
        JsonNode monitor = admin.get("/api/v1/sim/calls/" + callId).json().get("monitors").get(0);
        assertThat(monitor.get("endpoint").asString()).isEqualTo("401");
        assertThat(monitor.get("mode").asString()).isEqualTo("LISTEN");
        assertThat(monitor.get("state").asString()).isEqualTo("ringing");
        advance(1);
        assertThat(admin.get("/api/v1/sim/calls/" + callId).json().get("monitors").get(0).get("state").asString())
                .isEqualTo("joined");

        assertThat(boss.post("/api/v1/calls/" + callId + "/monitor", Map.of("mode", "WHISPER")).status()).isEqualTo(200);
        JsonNode whisper = admin.get("/api/v1/sim/calls/" + callId).json().get("monitors");
        assertThat(whisper).hasSize(1);
        assertThat(whisper.get(0).get("mode").asString()).isEqualTo("WHISPER");
        assertThat(whisper.get(0).get("state").asString()).isEqualTo("joined");

        // another tenant's supervisor cannot reach the call
        TestTenant other = tenants.create();
        UUID otherBossId = other.user("boss", "project_group_manager");
        api.as(other.token(api, "admin")).patch("/api/v1/users/" + otherBossId, Map.of("extension", "401"));
        Api otherBoss = api.as(other.token(api, "boss"));
        assertThat(otherBoss.post("/api/v1/calls/" + callId + "/monitor", Map.of("mode", "BARGE")).status())
                .isEqualTo(404);
        assertThat(operator.post("/api/v1/calls/" + callId + "/monitor", Map.of("mode", "BARGE")).status())
                .isEqualTo(403);

        assertThat(boss.delete("/api/v1/calls/" + callId + "/monitor").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/sim/calls/" + callId).json().get("monitors")).isEmpty();
        Api.Response again = boss.delete("/api/v1/calls/" + callId + "/monitor");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("not_monitoring");

        assertThat(eventTypes(callId)).containsSubsequence("connect", "monitor_start", "monitor_start", "monitor_stop");
        Map<String, Object> start = TenantContext.as(acme.id(), () -> jdbc.sql("""
                select agent_id, data->>'mode' as mode, data->>'supervisorId' as supervisor from call_events
                 where tenant_id = ? and call_id = ? and type = 'monitor_start' order by id limit 1
                """).params(acme.id().value(), callId).query().singleRow());
        assertThat(start.get("agent_id")).isEqualTo(opId);
        assertThat(start.get("mode")).isEqualTo("LISTEN");
        assertThat(start.get("supervisor")).isEqualTo(bossId.toString());
        assertThat(audited("call.monitor")).containsExactly("call.monitor_start:" + callId,
                "call.monitor_start:" + callId, "call.monitor_stop:" + callId);

        operator.post("/api/v1/agent/calls/" + callId + "/hangup", null);
        Api.Response ended = boss.post("/api/v1/calls/" + callId + "/monitor", Map.of("mode", "BARGE"));
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.code()).isEqualTo("not_connected");
    }

    @Test
    void thresholdsHaveDefaultsAreStoredPerQueueReachTheSnapshotAndAreCheckedAndAudited() {
        JsonNode defaults = boss.get("/api/v1/supervisor/thresholds").json().get(0);
        assertThat(defaults.get("queueId").asString()).isEqualTo(queue);
        assertThat(defaults.get("waitingWarn").asInt()).isEqualTo(1);
        assertThat(defaults.get("serviceLevelAlarm").asDouble()).isEqualTo(80.0);
        assertThat(defaults.get("waitingAlarm").isNull()).isTrue();
        assertThat(defaults.get("custom").asBoolean()).isFalse();

        Map<String, Object> mine = new HashMap<>();
        mine.put("waitingWarn", 2);
        mine.put("waitingAlarm", 5);
        mine.put("longestWaitWarnSeconds", 30);
        mine.put("longestWaitAlarmSeconds", 120);
        mine.put("serviceLevelWarn", 90.5);
        mine.put("serviceLevelAlarm", null);
        Api.Response set = boss.put("/api/v1/supervisor/thresholds/" + queue, mine);
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("custom").asBoolean()).isTrue();
        JsonNode stored = boss.get("/api/v1/supervisor/thresholds/" + queue).json();
        assertThat(stored.get("waitingAlarm").asInt()).isEqualTo(5);
        assertThat(stored.get("serviceLevelWarn").asDouble()).isEqualTo(90.5);
        assertThat(stored.get("serviceLevelAlarm").isNull()).isTrue();
        JsonNode tile = boss.get("/api/v1/wallboard").json().get("queues").get(0);
        assertThat(tile.get("thresholds").get("longestWaitAlarmSeconds").asInt()).isEqualTo(120);

        mine.put("waitingWarn", 9);
        Api.Response backwards = boss.put("/api/v1/supervisor/thresholds/" + queue, mine);
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.code()).isEqualTo("warn_after_alarm");
        assertThat(backwards.field()).isEqualTo("waitingWarn");
        Api.Response range = boss.put("/api/v1/supervisor/thresholds/" + queue, Map.of("serviceLevelWarn", 101));
        assertThat(range.status()).isEqualTo(422);
        assertThat(range.field()).isEqualTo("serviceLevelWarn");
        assertThat(operator.put("/api/v1/supervisor/thresholds/" + queue, Map.of("waitingWarn", 3)).status())
                .isEqualTo(403);

        TestTenant other = tenants.create();
        Api otherAdmin = api.as(other.token(api, "admin"));
        assertThat(otherAdmin.get("/api/v1/supervisor/thresholds/" + queue).status()).isEqualTo(404);
        assertThat(otherAdmin.put("/api/v1/supervisor/thresholds/" + queue, Map.of("waitingWarn", 3)).status())
                .isEqualTo(404);
        assertThat(otherAdmin.get("/api/v1/supervisor/thresholds").json()).isEmpty();

        JsonNode reset = boss.delete("/api/v1/supervisor/thresholds/" + queue).json();
        assertThat(reset.get("custom").asBoolean()).isFalse();
        assertThat(boss.get("/api/v1/supervisor/thresholds/" + queue).json().get("waitingAlarm").isNull()).isTrue();
        assertThat(audited("queue.thresholds")).containsExactly("queue.thresholds:" + queue, "queue.thresholds:" + queue);
    }
}
