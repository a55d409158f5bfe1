package io.linia.asterisk.ari;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.platform.tenancy.TenantContext;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import tools.jackson.databind.JsonNode;

/**
 * TEL-2 and TEL-7 end to end: a tenant routes its calls through an Asterisk over ARI (a peer
 * speaking ARI's HTTP and WebSocket with the JSON a real Asterisk 22 sent). A call that enters
 * the Stasis application is answered, waits with music, rings the agent's phone, is bridged
 * when the phone picks up, and ends with the side that hung up recorded; a phone logs its agent
 * in with *45 and the PIN; a lost event socket comes back and settles what happened meanwhile.
 */
@IntegrationTest
class AsteriskAriIT {

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
    UUID agent;
    String q100;
    AriPeer asterisk;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        agent = acme.user("petrova", "operator");
        assertThat(admin.patch("/api/v1/users/" + agent, Map.of("extension", "1001", "agentPin", "4321")).status())
                .isEqualTo(200);
        q100 = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Support")).json().get("id").asString();
        op = api.as(acme.token(api, "petrova"));
        asterisk = new AriPeer("linia", "ari-secret");
    }

    @AfterEach
    void tearDown() throws Exception {
        admin.put("/api/v1/asterisk/settings", Map.of("mode", "SIMULATED"));
        asterisk.close();
    }

    private void connect() {
        Api.Response saved = admin.put("/api/v1/asterisk/settings", Map.of("mode", "ARI", "ariUrl", asterisk.url(),
                "ariUsername", "linia", "ariPassword", "ari-secret"));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("ariPasswordSet").asBoolean()).isTrue();
        assertThat(saved.body()).doesNotContain("ari-secret");
        await(() -> {
            JsonNode c = admin.get("/api/v1/asterisk/settings").json().get("connection");
            return c != null && !c.isNull() && "connected".equals(c.get("state").asString());
        });
    }

    private Map<String, Object> call(String id) {
        return TenantContext.as(acme.id(), () -> jdbc.sql(
                "select outcome, ended_by, agent_id, caller, dialled from calls where tenant_id = ? and id = ?")
                .params(acme.id().value(), id).query().singleRow());
    }

    private String agentState() {
        return op.get("/api/v1/agent/state").json().get("state").asString();
    }

    @Test
    void aCallIsAnsweredQueuedRungBridgedAndTheCallersHangUpIsRecorded() {
        connect();
        op.put("/api/v1/agent/queues/" + q100, null);

        String caller = asterisk.inbound("+74951234567", "100");
        await(() -> asterisk.originatedTo("PJSIP/1001") != null);
        assertThat(asterisk.requests("POST /channels/" + caller + "/answer")).hasSize(1);
        await(() -> asterisk.moh.contains(caller)); // the caller waits with music while the phone rings
        String phone = asterisk.originatedTo("PJSIP/1001");
        assertThat(asterisk.requests("POST /channels?")).singleElement().asString()
                .contains("endpoint=PJSIP/1001").contains("app=linia").contains("appArgs=agent," + caller + ",1001")
                .contains("callerId=+74951234567");
        await(() -> "RINGING".equals(agentState()));

        asterisk.answer(phone);
        await(() -> asterisk.bridges.values().stream().anyMatch(b -> b.contains(caller) && b.contains(phone)));
        assertThat(asterisk.moh).doesNotContain(caller);
        await(() -> "TALKING".equals(agentState()));

        asterisk.hangup(caller);
        await(() -> "caller".equals(call(caller).get("ended_by")));
        assertThat(call(caller)).containsEntry("outcome", "answered").containsEntry("agent_id", agent)
                .containsEntry("caller", "+74951234567").containsEntry("dialled", "100");
        await(() -> !asterisk.channels.containsKey(phone));
        await(() -> asterisk.bridges.isEmpty()); // the bridge goes after the channels
    }

    @Test
    void aWaitingCallerHearsItsQueuesMusicClassAndItsPlaceInAsterisksQueueSoundsThenTheMusicAgain() {
        // ACD-1: the queue's music-on-hold class and the announcements of place in line
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("number", "100", "name", "Support",
                "mohClass", "support-jazz", "announcePosition", true, "announceExpectedWait", true,
                "announceEverySeconds", 15, "version", 0));
        Api.Response saved = admin.put("/api/v1/queues/" + q100, settings);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        connect();
        String first = asterisk.inbound("+74950000011", "100");
        await(() -> asterisk.moh.contains(first));
        String second = asterisk.inbound("+74950000012", "100");
        await(() -> asterisk.moh.contains(second));
        assertThat(asterisk.requests("POST /channels/" + second + "/moh")).singleElement().asString()
                .contains("mohClass=support-jazz");

        assertThat(admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 15)).status()).isEqualTo(200);
        await(() -> !asterisk.requests("POST /channels/" + second + "/play").isEmpty());
        // no call of the queue handled yet: the expected wait is not known, only the place is said
        assertThat(asterisk.requests("POST /channels/" + second + "/play")).singleElement().asString()
                .contains("media=sound:queue-thereare,number:2,sound:queue-callswaiting");
        await(() -> !asterisk.requests("POST /channels/" + first + "/play").isEmpty());
        assertThat(asterisk.requests("POST /channels/" + first + "/play")).singleElement().asString()
                .contains("media=sound:queue-youarenext");
        // the announcement over, the music of the queue's class again
        await(() -> asterisk.requests("POST /channels/" + second + "/moh").size() == 2 && asterisk.moh.contains(second));
        assertThat(asterisk.requests("POST /channels/" + second + "/moh").get(1)).contains("mohClass=support-jazz");
        asterisk.hangup(first);
        asterisk.hangup(second);
        await(() -> "caller".equals(call(second).get("ended_by")));
    }

    @Test
    void aConsultationWithAQueueRingsItsAgentFromTheAgentsOwnPhoneAndEndsBackOnHold() {
        // mode ARI carries out the agents' own calls now (AriCallControlIT has the rest): no 409 any more
        connect();
        UUID second = acme.user("ivanova", "operator");
        assertThat(admin.patch("/api/v1/users/" + second, Map.of("extension", "1002")).status()).isEqualTo(200);
        Api ivanova = api.as(acme.token(api, "ivanova"));
        String q200 = admin.post("/api/v1/queues", Map.of("number", "200", "name", "Second line")).json().get("id").asString();
        ivanova.put("/api/v1/agent/queues/" + q200, null);
        op.put("/api/v1/agent/queues/" + q100, null);
        String caller = asterisk.inbound("+74950000002", "100");
        await(() -> asterisk.originatedTo("PJSIP/1001") != null);
        String phone = asterisk.originatedTo("PJSIP/1001");
        asterisk.answer(phone);
        await(() -> "TALKING".equals(agentState()));
        await(() -> asterisk.bridged(caller, phone));
        String callBridge = asterisk.bridgeOf(caller);

        Api.Response consult = op.post("/api/v1/agent/calls/" + caller + "/consult", Map.of("queueId", q200));
        assertThat(consult.status()).as(consult.toString()).isEqualTo(200);
        assertThat(consult.json().get("state").asString()).isEqualTo("CONSULTING");
        String leg = consult.json().get("consultCallId").asString();
        // the queue offers the leg to its agent; the consulting agent's phone waits with music
        await(() -> asterisk.originatedTo("PJSIP/1002") != null);
        String phone2 = asterisk.originatedTo("PJSIP/1002");
        assertThat(asterisk.requests("POST /channels?")).last().asString()
                .contains("endpoint=PJSIP/1002").contains("appArgs=agent," + leg + ",1002").contains("callerId=1001");
        assertThat(asterisk.moh).contains(caller, phone);
        assertThat(asterisk.bridges.get(callBridge)).containsExactly(caller);

        asterisk.answer(phone2);
        await(() -> asterisk.bridged(phone, phone2));
        asterisk.hangup(phone2); // the consulted agent hangs up: back with the held caller
        await(() -> "HOLD".equals(agentState()));
        await(() -> asterisk.bridged(caller, phone));
        assertThat(asterisk.moh).contains(caller);
        assertThat(TenantContext.as(acme.id(), () -> jdbc.sql(
                "select direction from calls where tenant_id = ? and id = ?").params(acme.id().value(), leg)
                .query(String.class).single())).isEqualTo("internal");
        asterisk.hangup(caller);
        await(() -> "caller".equals(call(caller).get("ended_by")));
    }

    @Test
    void theAgentsPhoneHangingUpEndsTheCallOnTheAgentsSide() {
        connect();
        op.put("/api/v1/agent/queues/" + q100, null);
        String caller = asterisk.inbound("+74950000001", "100");
        await(() -> asterisk.originatedTo("PJSIP/1001") != null);
        String phone = asterisk.originatedTo("PJSIP/1001");
        asterisk.answer(phone);
        await(() -> "TALKING".equals(agentState()));

        asterisk.hangup(phone);
        await(() -> "agent".equals(call(caller).get("ended_by")));
        await(() -> !asterisk.channels.containsKey(caller));
    }

    @Test
    void answeringInTheWorkstationBridgesWhenThePhonePicksUpAndHangingUpThereEndsBothChannels() {
        connect();
        op.put("/api/v1/agent/queues/" + q100, null);
        String caller = asterisk.inbound("+74950000002", "100");
        await(() -> asterisk.originatedTo("PJSIP/1001") != null);
        String phone = asterisk.originatedTo("PJSIP/1001");
        await(() -> "RINGING".equals(agentState()));

        assertThat(op.post("/api/v1/agent/calls/" + caller + "/answer", null).status()).isEqualTo(200);
        assertThat(asterisk.bridges).isEmpty(); // the phone has not picked up yet
        asterisk.answer(phone);
        await(() -> asterisk.bridges.values().stream().anyMatch(b -> b.contains(caller) && b.contains(phone)));

        assertThat(op.post("/api/v1/agent/calls/" + caller + "/hold", null).status()).isEqualTo(200);
        await(() -> asterisk.moh.contains(caller));
        assertThat(op.post("/api/v1/agent/calls/" + caller + "/resume", null).status()).isEqualTo(200);
        await(() -> !asterisk.moh.contains(caller));

        assertThat(op.post("/api/v1/agent/calls/" + caller + "/hangup", null).status()).isEqualTo(200);
        await(() -> !asterisk.channels.containsKey(caller) && !asterisk.channels.containsKey(phone));
        assertThat(call(caller)).containsEntry("ended_by", "agent").containsEntry("outcome", "answered");
    }

    @Test
    void aNumberNobodyAnswersHearsAPromptAndIsReleased() {
        connect();
        String caller = asterisk.inbound("+74950000003", "555");
        await(() -> !asterisk.channels.containsKey(caller));
        assertThat(asterisk.requests("POST /channels/" + caller + "/play")).singleElement().asString()
                .contains("media=sound:linia/unknown_number");
        assertThat(call(caller)).containsEntry("outcome", "unrouted");
    }

    @Test
    void theIvrPlaysItsMenuTakesTheKeyAndQueuesTheCallerWithMusic() {
        connect();
        op.put("/api/v1/agent/queues/" + q100, null);
        op.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "break"));
        java.util.Map<String, Object> flow = new java.util.HashMap<>();
        flow.put("number", "8800");
        flow.put("name", "Main menu");
        flow.put("entry", "main");
        flow.put("nodes", java.util.List.of(
                Map.of("id", "main", "type", "menu", "prompt", "welcome", "options", Map.of("1", "support"),
                        "timeoutSeconds", 5, "retries", 1, "onFailure", "support"),
                Map.of("id", "support", "type", "queue", "queueId", q100, "topic", "help")));
        assertThat(admin.post("/api/v1/ivr", flow).status()).isEqualTo(201);
        asterisk.holdPlaybacks = true;

        String caller = asterisk.inbound("+74950000006", "8800");
        await(() -> asterisk.playing.containsValue(caller));
        assertThat(asterisk.requests("POST /channels/" + caller + "/play")).singleElement().asString()
                .contains("media=sound:linia/welcome");
        assertThat(asterisk.moh).doesNotContain(caller); // a menu is heard without music

        asterisk.dtmf(caller, "1");
        await(() -> asterisk.moh.contains(caller));
        assertThat(asterisk.requests("DELETE /playbacks/")).hasSize(1); // the key cut the prompt short
        assertThat(asterisk.playing).isEmpty();
        assertThat(TenantContext.as(acme.id(), () -> jdbc.sql(
                "select queue_id::text from calls where tenant_id = ? and id = ?").params(acme.id().value(), caller)
                .query(String.class).single())).isEqualTo(q100);
    }

    @Test
    void aCallerWhoAskedForACallbackIsReleasedAndCalledBackWhenAnAgentIsFree() {
        connect();
        String q300 = admin.post("/api/v1/queues", Map.of("number", "300", "name", "Callback", "maxWaitSeconds", 30,
                "overflowKind", "CALLBACK")).json().get("id").asString();
        op.put("/api/v1/agent/queues/" + q300, null);
        op.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "break"));

        String caller = asterisk.inbound("+74950000007", "300");
        await(() -> asterisk.moh.contains(caller));
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 31));
        // the caller hears the promise and the line is released; the call keeps its place
        await(() -> !asterisk.channels.containsKey(caller));
        assertThat(asterisk.requests("POST /channels/" + caller + "/play")).singleElement().asString()
                .contains("media=sound:linia/callback_promise");
        assertThat(call(caller).get("outcome")).isNull();

        op.put("/api/v1/agent/state", Map.of("state", "FREE"));
        await(() -> asterisk.originatedTo("Local/+74950000007@from-internal") != null);
        String back = asterisk.originatedTo("Local/+74950000007@from-internal");
        assertThat(asterisk.originatedTo("PJSIP/1001")).isNull(); // the agent rings once the caller is back
        asterisk.answer(back);
        await(() -> asterisk.originatedTo("PJSIP/1001") != null);
        String phone = asterisk.originatedTo("PJSIP/1001");
        asterisk.answer(phone);
        await(() -> asterisk.bridges.values().stream().anyMatch(b -> b.contains(back) && b.contains(phone)));
        await(() -> "TALKING".equals(agentState()));

        asterisk.hangup(back);
        await(() -> "caller".equals(call(caller).get("ended_by")));
        assertThat(call(caller)).containsEntry("outcome", "answered");
    }

    @Test
    void aBridgedCallIsRecordedPausedForACardNumberAndStoredEncryptedAndPlayedWithRanges() throws Exception {
        connect();
        op.put("/api/v1/agent/queues/" + q100, null);
        String caller = asterisk.inbound("+74950000008", "100");
        await(() -> asterisk.originatedTo("PJSIP/1001") != null);
        String phone = asterisk.originatedTo("PJSIP/1001");
        assertThat(op.post("/api/v1/agent/calls/" + caller + "/recording", Map.of("paused", true)).status())
                .isEqualTo(409); // not talking yet
        asterisk.answer(phone);
        await(() -> !asterisk.liveRecordings.isEmpty());
        String name = asterisk.liveRecordings.keySet().iterator().next();
        assertThat(asterisk.requests("POST /bridges/")).anyMatch(r -> r.contains("/record?") && r.contains("format=wav"));

        // SEC-7: the card number is not recorded
        await(() -> "TALKING".equals(agentState()));
        assertThat(op.post("/api/v1/agent/calls/" + caller + "/recording", Map.of("paused", true)).status()).isEqualTo(200);
        assertThat(asterisk.pausedRecordings).contains(name);
        assertThat(op.post("/api/v1/agent/calls/" + caller + "/recording", Map.of("paused", false)).status()).isEqualTo(200);
        assertThat(asterisk.pausedRecordings).doesNotContain(name);

        asterisk.hangup(caller);
        acme.user("qa", "qa_specialist");
        Api qa = api.as(acme.token(api, "qa"));
        await(() -> {
            JsonNode list = qa.get("/api/v1/recordings?callId=" + caller).json();
            return list.size() == 1 && "stored".equals(list.get(0).get("status").asString());
        });
        JsonNode recording = qa.get("/api/v1/recordings?callId=" + caller).json().get(0);
        byte[] wav = AriPeer.wav(name);
        assertThat(recording.get("sizeBytes").asLong()).isEqualTo(wav.length);
        assertThat(recording.get("pauses").asInt()).isEqualTo(1);
        await(() -> asterisk.storedRecordings.isEmpty()); // fetched, then deleted on Asterisk
        String id = recording.get("id").asString();

        // stored encrypted: the file holds none of the audio
        java.nio.file.Path file = java.nio.file.Path.of("target/test-recordings", acme.id().value().toString(), id + ".rec");
        byte[] stored = java.nio.file.Files.readAllBytes(file);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("RIFF")
                .doesNotContain(new String(wav, 100_000, 64, java.nio.charset.StandardCharsets.ISO_8859_1));

        String token = acme.token(api, "qa");
        java.net.http.HttpResponse<byte[]> whole = audio(token, id, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.body()).isEqualTo(wav);
        // a seek across the 1 MB encryption segments
        java.net.http.HttpResponse<byte[]> part = audio(token, id, "bytes=1048570-1048589");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1048570-1048589/" + wav.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(wav, 1048570, 1048590));
        assertThat(audio(token, id, "bytes=-10").body()).isEqualTo(java.util.Arrays.copyOfRange(wav, wav.length - 10, wav.length));
        assertThat(audio(token, id, "bytes=" + wav.length + "-").statusCode()).isEqualTo(416);
        assertThat(audio(token, id, "bytes=abc").statusCode()).isEqualTo(422);
        java.net.http.HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/recordings/"
                        + id + "/audio?download=true")).header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;")
                .contains(".wav");
        assertThat(download.body()).isEqualTo(wav);

        List<String> audited = TenantContext.as(acme.id(), () -> jdbc.sql(
                "select action from audit_log where tenant_id = ? and action like 'recording.%' order by id")
                .param(acme.id().value()).query(String.class).list());
        assertThat(audited).containsSubsequence("recording.pause", "recording.resume", "recording.play", "recording.play",
                "recording.download");
        assertThat(audited.stream().filter("recording.play"::equals).count()).isEqualTo(3);

        assertThat(admin.get("/api/v1/recordings/" + id).status()).isEqualTo(403); // no RECORDING_LISTEN
        TestTenant other = tenants.create();
        other.user("qa", "qa_specialist");
        assertThat(api.as(other.token(api, "qa")).get("/api/v1/recordings/" + id).status()).isEqualTo(404);

        // the audio lost from the store (a wiped disk): a clear 409, not a server error
        java.nio.file.Files.delete(file);
        java.net.http.HttpResponse<byte[]> lost = audio(token, id, null);
        assertThat(lost.statusCode()).isEqualTo(409);
        assertThat(new String(lost.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("audio_missing");
    }

    private java.net.http.HttpResponse<byte[]> audio(String token, String id, String range) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/api/v1/recordings/" + id + "/audio"))
                .header("Authorization", "Bearer " + token);
        if (range != null) {
            b.header("Range", range);
        }
        return java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aPhoneLogsItsAgentInWithTheCodeAndThePin() {
        connect();
        String phone = asterisk.phoneDials("1001", "*45100");
        await(() -> asterisk.requests("POST /channels/" + phone + "/play").size() == 1);
        assertThat(asterisk.requests("POST /channels/" + phone + "/answer")).hasSize(1);
        assertThat(asterisk.requests("POST /channels/" + phone + "/play").get(0)).contains("media=sound:linia/enter_pin");

        asterisk.dtmf(phone, "4321#");
        await(() -> !asterisk.channels.containsKey(phone));
        assertThat(asterisk.requests("POST /channels/" + phone + "/play").get(1)).contains("media=sound:linia/logged_in");
        assertThat(admin.get("/api/v1/queues/" + q100 + "/members").body()).contains(agent.toString());
        assertThat(agentState()).isEqualTo("FREE");
    }

    @Test
    void aLostEventSocketComesBackAndSettlesWhatHappenedMeanwhile() throws Exception {
        connect();
        op.put("/api/v1/agent/queues/" + q100, null);
        String talking = asterisk.inbound("+74950000004", "100");
        await(() -> asterisk.originatedTo("PJSIP/1001") != null);
        String phone = asterisk.originatedTo("PJSIP/1001");
        asterisk.answer(phone);
        await(() -> "TALKING".equals(agentState()));
        op.put("/api/v1/agent/state", Map.of("state", "PAUSED", "reason", "break"));
        String waiting = asterisk.inbound("+74950000005", "100");
        await(() -> asterisk.moh.contains(waiting));

        asterisk.dropSocket();
        asterisk.hangupUnseen(waiting); // the waiting caller gives up while Linia cannot hear it
        await(asterisk::connected);
        await(() -> "abandoned".equals(call(waiting).get("outcome")));
        assertThat(call(waiting)).containsEntry("ended_by", "caller");

        // the call in progress went on: still bridged, and its end is heard on the new socket
        assertThat(asterisk.bridges.values()).anyMatch(b -> b.contains(talking) && b.contains(phone));
        asterisk.hangup(talking);
        await(() -> "caller".equals(call(talking).get("ended_by")));
    }

    @Test
    void savingChecksTheConnectionAndNamesTheFieldToFix() throws Exception {
        Api.Response wrong = admin.put("/api/v1/asterisk/settings", Map.of("mode", "ARI", "ariUrl", asterisk.url(),
                "ariUsername", "linia", "ariPassword", "wrong"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.code()).isEqualTo("ari_auth");
        assertThat(wrong.field()).isEqualTo("ariPassword");

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Api.Response refused = admin.put("/api/v1/asterisk/settings", Map.of("mode", "ARI",
                "ariUrl", "http://127.0.0.1:" + closed, "ariUsername", "linia", "ariPassword", "ari-secret"));
        assertThat(refused.code()).isEqualTo("ari_refused");
        assertThat(refused.field()).isEqualTo("ariUrl");

        Api.Response dns = admin.put("/api/v1/asterisk/settings", Map.of("mode", "ARI",
                "ariUrl", "http://no-such-host.invalid:8088", "ariUsername", "linia", "ariPassword", "ari-secret"));
        assertThat(dns.code()).isEqualTo("ari_dns");
        assertThat(dns.field()).isEqualTo("ariUrl");

        assertThat(admin.put("/api/v1/asterisk/settings", Map.of("mode", "ARI", "ariUrl", "pbx:8088")).field())
                .isEqualTo("ariUrl");
        assertThat(admin.put("/api/v1/asterisk/settings", Map.of("mode", "ARI", "ariUrl", asterisk.url(),
                "ariUsername", "linia", "ariPassword", "ari-secret", "ariAgentDial", "PJSIP/1001")).field())
                .isEqualTo("ariAgentDial");
        assertThat(admin.get("/api/v1/asterisk/settings").json().get("settings").get("mode").asString())
                .isEqualTo("SIMULATED");

        connect();
        JsonNode test = admin.post("/api/v1/asterisk/settings/test", null).json();
        assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
        assertThat(test.get("message").asString()).contains("22.10.1");
        Api.Response virtual = admin.post("/api/v1/sim/calls", Map.of("caller", "1", "dialled", "100"));
        assertThat(virtual.status()).isEqualTo(409);
        assertThat(virtual.code()).isEqualTo("switch_not_simulated");

        // another tenant sees its own settings, never these
        TestTenant other = tenants.create();
        JsonNode theirs = api.as(other.token(api, "admin")).get("/api/v1/asterisk/settings").json();
        assertThat(theirs.get("settings").get("mode").asString()).isEqualTo("SIMULATED");
        assertThat(theirs.get("connection").isNull()).isTrue();
    }

    private static void await(BooleanSupplier condition) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("Not reached in 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
