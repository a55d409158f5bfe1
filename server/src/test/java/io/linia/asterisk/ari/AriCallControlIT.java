package io.linia.asterisk.ari;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The agents' own calls (WS-3, TEL-1, TEL-2) and the supervisor's listen / whisper / barge
 * (ACD-11) on an Asterisk over ARI, driven through the real agent and supervisor APIs against
 * {@link AriPeer}: each case checks what Linia stored and the exact ARI requests Asterisk got.
 */
@IntegrationTest
class AriCallControlIT {

    private static final String NUMBER = "+74957654321";
    private static final String OUT = "Local/" + NUMBER + "@from-internal";

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;
    @Autowired
    JdbcClient jdbc;

    TestTenant acme;
    Api admin;
    /** petrova, extension 1001, in queue 100. */
    Api op;
    UUID opId;
    /** ivanova, extension 1002, in queue 200. */
    Api second;
    UUID secondId;
    String q100;
    String q200;
    AriPeer asterisk;

    @BeforeEach
    void setUp() throws Exception {
        Api api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        opId = acme.user("petrova", "operator");
        secondId = acme.user("ivanova", "operator");
        assertThat(admin.patch("/api/v1/users/" + opId, Map.of("extension", "1001")).status()).isEqualTo(200);
        assertThat(admin.patch("/api/v1/users/" + secondId, Map.of("extension", "1002")).status()).isEqualTo(200);
        q100 = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Support", "wrapUpSeconds", 30))
                .json().get("id").asString();
        q200 = admin.post("/api/v1/queues", Map.of("number", "200", "name", "Second line")).json().get("id").asString();
        op = api.as(acme.token(api, "petrova"));
        second = api.as(acme.token(api, "ivanova"));
        asterisk = new AriPeer("linia", "ari-secret");
        Api.Response saved = admin.put("/api/v1/asterisk/settings", Map.of("mode", "ARI", "ariUrl", asterisk.url(),
                "ariUsername", "linia", "ariPassword", "ari-secret", "ariRecord", false));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        await(() -> {
            tools.jackson.databind.JsonNode c = admin.get("/api/v1/asterisk/settings").json().get("connection");
            return c != null && !c.isNull() && "connected".equals(c.get("state").asString());
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        admin.put("/api/v1/asterisk/settings", Map.of("mode", "SIMULATED"));
        asterisk.close();
    }

    @Test
    void anOutboundCallRingsTheAgentsPhoneThenTheNumberAndIsStoredAsOutgoing() {
        Api.Response dial = op.post("/api/v1/agent/dial", Map.of("number", NUMBER));
        assertThat(dial.status()).as(dial.toString()).isEqualTo(200);
        assertThat(dial.json().get("state").asString()).isEqualTo("DIALING");
        String callId = dial.json().get("callId").asString();
        await(() -> asterisk.originatedTo("PJSIP/1001") != null);
        String phone = asterisk.originatedTo("PJSIP/1001");
        assertThat(asterisk.requests("POST /channels")).containsExactly("POST /channels?endpoint=PJSIP/1001&app=linia"
                + "&appArgs=dial," + callId + ",1001&callerId=" + NUMBER + "&timeout=60&channelId=" + phone);

        asterisk.answer(phone); // the agent picks up: now the number is called, the agent hears ringing
        await(() -> asterisk.originatedTo(OUT) != null);
        String far = asterisk.originatedTo(OUT);
        await(() -> asterisk.ringing.contains(phone));
        assertThat(asterisk.requests("POST /channels")).containsExactly(
                "POST /channels?endpoint=PJSIP/1001&app=linia&appArgs=dial," + callId + ",1001&callerId=" + NUMBER
                        + "&timeout=60&channelId=" + phone,
                "POST /channels/" + phone + "/ring",
                "POST /channels?endpoint=" + OUT + "&app=linia&appArgs=far," + callId + "&callerId=1001&timeout=60&channelId=" + far);
        assertThat(state(op)).isEqualTo("DIALING");

        asterisk.answer(far);
        await(() -> asterisk.bridged(far, phone));
        await(() -> "TALKING".equals(state(op)));
        assertThat(asterisk.requests("DELETE /channels/" + phone + "/ring")).hasSize(1);
        assertThat(asterisk.ringing).isEmpty();

        asterisk.hangup(far); // the far end hangs up
        await(() -> "caller".equals(row(callId).get("ended_by")));
        assertThat(row(callId)).containsEntry("direction", "outbound").containsEntry("outcome", "answered")
                .containsEntry("caller", "1001").containsEntry("dialled", NUMBER).containsEntry("agent_id", opId);
        await(() -> !asterisk.channels.containsKey(phone));
        await(() -> asterisk.bridges.isEmpty()); // the bridge goes after the channels
        assertThat(events(callId)).containsExactly("dial", "connect", "complete_caller");
        assertThat(admin.get("/calls/statistics/current?userId=" + opId).json().get("outgoing").asLong()).isEqualTo(1);
        assertThat(state(op)).isEqualTo("OFFLINE"); // in no queue: back offline after the call
    }

    @Test
    void aNumberThatIsBusyEndsTheOutboundCallUnansweredAndHangsUpTheAgentsPhone() {
        String callId = op.post("/api/v1/agent/dial", Map.of("number", NUMBER)).json().get("callId").asString();
        await(() -> asterisk.originatedTo("PJSIP/1001") != null);
        String phone = asterisk.originatedTo("PJSIP/1001");
        asterisk.answer(phone);
        await(() -> asterisk.originatedTo(OUT) != null);

        asterisk.hangup(asterisk.originatedTo(OUT)); // busy: gone before any answer
        await(() -> "not_answered".equals(row(callId).get("outcome")));
        await(() -> !asterisk.channels.containsKey(phone));
        assertThat(events(callId)).containsExactly("dial", "no_answer");
        assertThat(state(op)).isEqualTo("OFFLINE"); // in no queue: back to where it was
    }

    @Test
    void aBlindTransferToANumberHangsUpTheAgentAndBridgesTheCallerWithTheNumber() {
        String caller = talking("+74951234567");
        String phone = asterisk.originatedTo("PJSIP/1001");

        Api.Response transfer = op.post("/api/v1/agent/calls/" + caller + "/transfer", Map.of("number", NUMBER));
        assertThat(transfer.status()).as(transfer.toString()).isEqualTo(200);
        assertThat(transfer.json().get("state").asString()).isEqualTo("WRAP_UP");
        await(() -> asterisk.originatedTo(OUT) != null);
        String far = asterisk.originatedTo(OUT);
        await(() -> !asterisk.channels.containsKey(phone)); // the agent's phone is hung up
        assertThat(asterisk.moh).contains(caller); // music until the number answers
        assertThat(asterisk.requests("POST /channels?")).last().isEqualTo("POST /channels?endpoint=" + OUT
                + "&app=linia&appArgs=far," + caller + "&callerId=+74951234567&timeout=60&channelId=" + far);
        assertThat(asterisk.requests("DELETE /channels/" + phone)).hasSize(1);
        await(() -> asterisk.bridges.isEmpty()); // the bridge goes after the channels

        asterisk.answer(far);
        await(() -> asterisk.bridged(caller, far));
        assertThat(asterisk.moh).doesNotContain(caller);
        assertThat(row(caller)).containsEntry("outcome", "transferred").containsEntry("ended_by", "agent");
        assertThat(events(caller)).contains("transfer");

        asterisk.hangup(far); // the number hangs up: Linia closes the caller's line, reports nothing
        await(() -> !asterisk.channels.containsKey(caller));
        await(() -> asterisk.bridges.isEmpty()); // the bridge goes after the channels
        assertThat(row(caller)).containsEntry("outcome", "transferred").containsEntry("ended_by", "agent");
    }

    @Test
    void anAttendedTransferToAnAgentMovesTheCallerIntoTheConsultationsBridge() {
        second.put("/api/v1/agent/queues/" + q200, null);
        String caller = talking("+74951234568");
        String phone = asterisk.originatedTo("PJSIP/1001");
        String callBridge = asterisk.bridgeOf(caller);

        String leg = consult(caller, Map.of("agentId", secondId.toString()));
        await(() -> asterisk.originatedTo("PJSIP/1002") != null);
        String phone2 = asterisk.originatedTo("PJSIP/1002");
        await(() -> asterisk.moh.contains(phone)); // the consulting agent waits with music …
        assertThat(asterisk.moh).contains(caller); // … the caller is held
        assertThat(asterisk.bridges.get(callBridge)).containsExactly(caller);
        assertThat(asterisk.requests("POST /bridges/" + callBridge + "/removeChannel"))
                .containsExactly("POST /bridges/" + callBridge + "/removeChannel?channel=" + phone);
        assertThat(asterisk.requests("POST /channels?")).last().isEqualTo("POST /channels?endpoint=PJSIP/1002&app=linia"
                + "&appArgs=agent," + leg + ",1002&callerId=1001&timeout=60&channelId=" + phone2);

        asterisk.answer(phone2);
        await(() -> asterisk.bridged(phone, phone2));
        assertThat(asterisk.moh).doesNotContain(phone).contains(caller);
        await(() -> "TALKING".equals(state(second)));

        Api.Response done = op.post("/api/v1/agent/calls/" + caller + "/consult/complete", null);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("state").asString()).isEqualTo("WRAP_UP");
        await(() -> asterisk.bridged(phone2, caller));
        await(() -> !asterisk.channels.containsKey(phone));
        await(() -> !asterisk.bridges.containsKey(callBridge)); // deleted after the phone
        assertThat(asterisk.moh).doesNotContain(caller);
        // its music stopped when the consulted agent answered; hung up at the transfer
        assertThat(asterisk.requests("DELETE /channels/" + phone)).containsExactly(
                "DELETE /channels/" + phone + "/moh", "DELETE /channels/" + phone);
        assertThat(asterisk.requests("DELETE /bridges/" + callBridge)).hasSize(1);

        asterisk.hangup(phone2); // the consulted agent ends the call: reported under the caller's call
        await(() -> "agent".equals(row(caller).get("ended_by")));
        assertThat(row(caller)).containsEntry("agent_id", secondId).containsEntry("outcome", "answered");
        await(() -> !asterisk.channels.containsKey(caller));
        await(() -> asterisk.bridges.isEmpty()); // the bridge goes after the channels
        assertThat(events(caller)).containsSubsequence("connect", "consult_start", "consult_complete", "complete_agent");
        assertThat(row(leg)).containsEntry("direction", "internal").containsEntry("parent_call_id", caller);
    }

    @Test
    void aCancelledConsultationGivesTheAgentsPhoneBackToTheHeldCaller() {
        second.put("/api/v1/agent/queues/" + q200, null);
        String caller = talking("+74951234569");
        String phone = asterisk.originatedTo("PJSIP/1001");
        String callBridge = asterisk.bridgeOf(caller);
        String leg = consult(caller, Map.of("agentId", secondId.toString()));
        await(() -> asterisk.originatedTo("PJSIP/1002") != null);
        String phone2 = asterisk.originatedTo("PJSIP/1002");
        asterisk.answer(phone2);
        await(() -> asterisk.bridged(phone, phone2));

        Api.Response cancel = op.post("/api/v1/agent/calls/" + caller + "/consult/cancel", null);
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        assertThat(cancel.json().get("state").asString()).isEqualTo("HOLD");
        await(() -> !asterisk.channels.containsKey(phone2));
        await(() -> asterisk.bridges.getOrDefault(callBridge, List.of()).containsAll(List.of(caller, phone)));
        assertThat(asterisk.bridges).hasSize(1);
        assertThat(asterisk.moh).contains(caller); // still on hold until resumed
        assertThat(asterisk.requests("POST /bridges/" + callBridge + "/addChannel"))
                .last().isEqualTo("POST /bridges/" + callBridge + "/addChannel?channel=" + phone);

        assertThat(op.post("/api/v1/agent/calls/" + caller + "/resume", null).status()).isEqualTo(200);
        await(() -> !asterisk.moh.contains(caller));
        assertThat(state(op)).isEqualTo("TALKING");
        assertThat(events(caller)).containsSubsequence("consult_start", "consult_cancel");
        assertThat(eventData(caller, "consult_cancel")).contains("\"reason\": \"cancel\"");

        asterisk.hangup(caller);
        await(() -> "caller".equals(row(caller).get("ended_by")));
        assertThat(row(caller)).containsEntry("agent_id", opId);
        assertThat(row(leg).get("ended_at")).isNotNull();
    }

    @Test
    void aConsultationWithANumberIsAnsweredAndCompletedIntoATransferOut() {
        String caller = talking("+74951234570");
        String phone = asterisk.originatedTo("PJSIP/1001");
        String leg = consult(caller, Map.of("number", NUMBER));
        await(() -> asterisk.originatedTo(OUT) != null);
        String far = asterisk.originatedTo(OUT);
        assertThat(asterisk.requests("POST /channels?")).last().isEqualTo("POST /channels?endpoint=" + OUT
                + "&app=linia&appArgs=far," + leg + "&callerId=1001&timeout=60&channelId=" + far);
        await(() -> asterisk.ringing.contains(phone));

        asterisk.answer(far);
        await(() -> asterisk.bridged(far, phone));
        await(() -> row(leg).get("connected_at") != null);
        Api.Response done = op.post("/api/v1/agent/calls/" + caller + "/consult/complete", null);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        await(() -> asterisk.bridged(far, caller));
        await(() -> !asterisk.channels.containsKey(phone));
        assertThat(row(caller)).containsEntry("outcome", "transferred");
        assertThat(row(leg)).containsEntry("direction", "outbound").containsEntry("dialled", NUMBER);

        asterisk.hangup(caller);
        await(() -> !asterisk.channels.containsKey(far));
        await(() -> asterisk.bridges.isEmpty()); // the bridge goes after the channels
    }

    @Test
    void aSupervisorListensWhispersBargesAndLeaves() {
        UUID bossId = acme.user("boss", "project_group_manager");
        assertThat(admin.patch("/api/v1/users/" + bossId, Map.of("extension", "1009")).status()).isEqualTo(200);
        Api boss = new Api(port).as(acme.token(new Api(port), "boss"));
        String caller = talking("+74951234571");
        String phone = asterisk.originatedTo("PJSIP/1001");
        String callBridge = asterisk.bridgeOf(caller);

        Api.Response listen = boss.post("/api/v1/calls/" + caller + "/monitor", Map.of("mode", "LISTEN"));
        assertThat(listen.status()).as(listen.toString()).isEqualTo(200);
        await(() -> asterisk.originatedTo("PJSIP/1009") != null);
        String sup = asterisk.originatedTo("PJSIP/1009");
        assertThat(asterisk.requests("POST /channels?")).last().isEqualTo("POST /channels?endpoint=PJSIP/1009&app=linia"
                + "&appArgs=monitor," + caller + ",1009&timeout=60&channelId=" + sup);

        asterisk.answer(sup); // the supervisor picks up: a snoop on the agent's channel, bridged with the phone
        await(() -> asterisk.snoops.size() == 1);
        String snoop = asterisk.snoops.keySet().iterator().next();
        assertThat(asterisk.snoops.get(snoop)).containsExactly(phone, "both", "none");
        assertThat(asterisk.requests("POST /channels/" + phone + "/snoop")).containsExactly("POST /channels/" + phone
                + "/snoop?spy=both&whisper=none&app=linia&appArgs=snoop," + caller + ",1009&snoopId=" + snoop);
        await(() -> asterisk.bridged(sup, snoop));
        assertThat(asterisk.bridges.get(callBridge)).containsExactlyInAnyOrder(caller, phone);

        assertThat(boss.post("/api/v1/calls/" + caller + "/monitor", Map.of("mode", "WHISPER")).status()).isEqualTo(200);
        await(() -> !asterisk.channels.containsKey(snoop));
        await(() -> asterisk.snoops.values().stream().anyMatch(s -> s[2].equals("out")));
        String whisper = asterisk.snoops.entrySet().stream().filter(s -> s.getValue()[2].equals("out"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(asterisk.snoops.get(whisper)).containsExactly(phone, "both", "out");
        await(() -> asterisk.bridged(sup, whisper));

        assertThat(boss.post("/api/v1/calls/" + caller + "/monitor", Map.of("mode", "BARGE")).status()).isEqualTo(200);
        await(() -> asterisk.bridged(caller, phone, sup));
        await(() -> !asterisk.channels.containsKey(whisper));
        assertThat(asterisk.bridges).hasSize(1); // the supervisor's own bridge is gone
        assertThat(asterisk.requests("POST /bridges/" + callBridge + "/addChannel"))
                .last().isEqualTo("POST /bridges/" + callBridge + "/addChannel?channel=" + sup);

        assertThat(boss.delete("/api/v1/calls/" + caller + "/monitor").status()).isEqualTo(204);
        await(() -> !asterisk.channels.containsKey(sup));
        await(() -> asterisk.bridged(caller, phone));
        assertThat(asterisk.requests("DELETE /channels/" + sup)).hasSize(1);
        assertThat(state(op)).isEqualTo("TALKING"); // the call went on throughout
        assertThat(events(caller)).containsSubsequence("connect", "monitor_start", "monitor_start", "monitor_start",
                "monitor_stop");

        // joined again, the supervisor's phone goes with the call
        assertThat(boss.post("/api/v1/calls/" + caller + "/monitor", Map.of("mode", "LISTEN")).status()).isEqualTo(200);
        await(() -> asterisk.originatedTo("PJSIP/1009") != null);
        String again = asterisk.originatedTo("PJSIP/1009");
        asterisk.answer(again);
        await(() -> asterisk.snoops.keySet().stream().anyMatch(asterisk.channels::containsKey));
        asterisk.hangup(caller);
        await(() -> "caller".equals(row(caller).get("ended_by")));
        await(() -> asterisk.channels.isEmpty()); // the supervisor's phone and the snoop went with the call
        await(() -> asterisk.bridges.isEmpty());
        assertThat(asterisk.requests("DELETE /channels/" + again)).hasSize(1);
    }

    // ------------------------------------------------------------------ helpers

    /** A caller of queue 100 talking with petrova (1001): her phone answered and bridged with the caller. */
    private String talking(String number) {
        op.put("/api/v1/agent/queues/" + q100, null);
        String caller = asterisk.inbound(number, "100");
        await(() -> asterisk.originatedTo("PJSIP/1001") != null);
        String phone = asterisk.originatedTo("PJSIP/1001");
        asterisk.answer(phone);
        await(() -> asterisk.bridged(caller, phone));
        await(() -> "TALKING".equals(state(op)));
        return caller;
    }

    private String consult(String caller, Map<String, Object> target) {
        Api.Response r = op.post("/api/v1/agent/calls/" + caller + "/consult", target);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("state").asString()).isEqualTo("CONSULTING");
        return r.json().get("consultCallId").asString();
    }

    private static String state(Api who) {
        return who.get("/api/v1/agent/state").json().get("state").asString();
    }

    private Map<String, Object> row(String id) {
        return TenantContext.as(acme.id(), () -> jdbc.sql("""
                select direction, outcome, ended_by, agent_id, caller, dialled, connected_at, ended_at,
                       parent_call_id from calls where tenant_id = ? and id = ?""")
                .params(acme.id().value(), id).query().singleRow());
    }

    private List<String> events(String callId) {
        return TenantContext.as(acme.id(), () -> jdbc.sql(
                "select type from call_events where tenant_id = ? and call_id = ? order by id")
                .params(acme.id().value(), callId).query(String.class).list());
    }

    private String eventData(String callId, String type) {
        return TenantContext.as(acme.id(), () -> jdbc.sql(
                "select data::text from call_events where tenant_id = ? and call_id = ? and type = ? order by id limit 1")
                .params(acme.id().value(), callId, type).query(String.class).single());
    }

    /** Waits up to 10 s for what the switch and the platform do on their own threads. */
    private static void await(BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
