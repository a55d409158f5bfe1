package io.linia.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * TEL-3 and TEL-7 end to end: an administrator connects the tenant to an Asterisk over AMI
 * (a peer replaying a real Asterisk 22's session), the settings are checked on save with the
 * precise reason of a failure, the secret is never shown again, and the calls Asterisk's
 * queues handle reach the reports as their own.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsteriskAmiIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    Api api;
    TestTenant acme;
    Api admin;
    UUID op1001;

    @BeforeAll
    void tenant() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        op1001 = acme.user("op1001", "operator");
        assertThat(admin.patch("/api/v1/users/" + op1001, Map.of("extension", "1001")).status()).isEqualTo(200);
    }

    /** The supervisor's live feed (RT-5): every frame on {@code /websocket}. */
    static final class Feed implements java.net.http.WebSocket.Listener {
        final java.util.concurrent.BlockingQueue<JsonNode> frames = new java.util.concurrent.LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();

        @Override
        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(Api.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    @Test
    void callsAsteriskQueuesHandleReachTheReports() throws Exception {
        Feed feed = new Feed();
        java.net.http.WebSocket socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + acme.token(api, "admin"))
                .buildAsync(java.net.URI.create("ws://localhost:" + port + "/websocket"), feed).join();
        socket.sendText("{\"type\":\"SUBSCRIBE\",\"topic\":\"on_user_status_changed\"}", true).join();
        assertThat(feed.frames.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isNotNull(); // the acknowledgement
        try (AmiTranscriptServer asterisk = new AmiTranscriptServer(AmiTranscript.load("01-basic", "ami-raw.txt"), true)) {
            asterisk.passive = true;
            Api.Response saved = admin.put("/api/v1/asterisk/settings?verify=false", Map.of("mode", "AMI",
                    "amiHost", "127.0.0.1", "amiPort", asterisk.port(), "amiUsername", "javatest",
                    "amiSecret", "javatest-secret"));
            assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
            assertThat(saved.json().get("amiSecretSet").asBoolean()).isTrue();
            assertThat(saved.body()).doesNotContain("javatest-secret");

            JsonNode connection = await(c -> c != null && c.get("callsStored").asLong() == 1);
            assertThat(connection.get("state").asString()).isEqualTo("connected");
            assertThat(connection.get("events").asLong()).isGreaterThan(10);

            JsonNode summary = admin.get("/api/v1/reports/summary?from=2026-11-22&to=2026-11-23").json().get("rows").get(0);
            assertThat(summary.get("offered").asLong()).isEqualTo(1);
            assertThat(summary.get("answered").asLong()).isEqualTo(1);
            JsonNode ops = admin.get("/api/v1/reports/operators?from=2026-11-22&to=2026-11-23").json().get("rows");
            assertThat(ops).hasSize(1);
            assertThat(ops.get(0).get("agentId").asString()).isEqualTo(op1001.toString());
            assertThat(ops.get(0).get("talkTotal").asLong()).isEqualTo(3);

            // the operator's state went live as Asterisk reported it: member, talking, done, removed
            java.util.List<String> states = new java.util.ArrayList<>();
            JsonNode f;
            while (states.size() < 4 && (f = feed.frames.poll(5, java.util.concurrent.TimeUnit.SECONDS)) != null) {
                if ("EVENT".equals(f.get("type").asString()) && op1001.toString().equals(f.get("data").get("userId").asString())) {
                    states.add(f.get("data").get("state").asString());
                }
            }
            assertThat(states).containsExactly("FREE", "TALKING", "FREE", "OFFLINE");
        } finally {
            socket.abort();
            admin.put("/api/v1/asterisk/settings", Map.of("mode", "SIMULATED"));
        }
    }

    /**
     * TEL-6 in mode AMI: the dialplan's {@code MixMonitor(queue-${UNIQUEID}.wav,b)} (fixtures'
     * extensions.conf, exten 101) names its file in the channel's MIXMONITOR_FILENAME. The capture
     * of 01-basic ran exten 100, without MixMonitor, so the replay gets that one VarSet added: a
     * copy of the capture's own VarSet on the caller channel with the variable app_mixmonitor sets.
     */
    @Test
    void mixMonitorFilesOfFollowedCallsAreMovedIntoTheEncryptedStore() throws Exception {
        TestTenant t = tenants.create();
        Api tAdmin = api.as(t.token(api, "admin"));
        UUID op = t.user("op1001", "operator");
        t.user("qa", "qa_specialist");
        assertThat(tAdmin.patch("/api/v1/users/" + op, Map.of("extension", "1001")).status()).isEqualTo(200);
        java.nio.file.Path monitor = java.nio.file.Path.of("target/test-history/allowed", "monitor-" + UUID.randomUUID())
                .toAbsolutePath();
        java.nio.file.Files.createDirectories(monitor);
        byte[] wav = new byte[300_000];
        new java.util.Random(5).nextBytes(wav);
        java.nio.file.Path file = monitor.resolve("queue-1795332336.1.wav");
        java.nio.file.Files.write(file, wav);
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minusSeconds(60)));

        // the directory must be inside the installation's allowed ones and readable
        Api.Response outside = tAdmin.put("/api/v1/asterisk/settings?verify=false", Map.of("amiRecordingsDir", "/etc"));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.field()).isEqualTo("amiRecordingsDir");
        assertThat(outside.code()).isEqualTo("path_not_allowed");
        Api.Response missing = tAdmin.put("/api/v1/asterisk/settings?verify=false",
                Map.of("amiRecordingsDir", monitor.resolve("nope").toString()));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.code()).isEqualTo("not_readable");

        AmiTranscript capture = AmiTranscript.load("01-basic", "ami-raw.txt");
        java.util.List<AmiTranscript.Block> blocks = new java.util.ArrayList<>(capture.blocks());
        int at = -1;
        for (int i = 0; i < blocks.size(); i++) {
            AmiTranscript.Block b = blocks.get(i);
            if (!b.sent() && "VarSet".equals(b.field("Event")) && "1795332336.1".equals(b.field("Uniqueid"))) {
                at = i;
                break;
            }
        }
        assertThat(at).as("a VarSet on the caller channel in the capture").isPositive();
        AmiTranscript.Block varSet = blocks.get(at);
        String text = varSet.text().replaceAll("(?m)^Variable: .*$", "Variable: MIXMONITOR_FILENAME")
                .replaceAll("(?m)^Value:.*$", "Value: /var/spool/asterisk/monitor/queue-1795332336.1.wav");
        blocks.add(at + 1, new AmiTranscript.Block(false, varSet.at(), text));

        try (AmiTranscriptServer asterisk = new AmiTranscriptServer(new AmiTranscript(blocks), true)) {
            asterisk.passive = true;
            Api.Response saved = tAdmin.put("/api/v1/asterisk/settings?verify=false", Map.of("mode", "AMI",
                    "amiHost", "127.0.0.1", "amiPort", asterisk.port(), "amiUsername", "javatest",
                    "amiSecret", "javatest-secret", "amiRecordingsDir", monitor.toString()));
            assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
            assertThat(saved.json().get("amiRecordingsDir").asString()).isEqualTo(monitor.toString());

            Api qa = api.as(t.token(api, "qa"));
            JsonNode recording = null;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                JsonNode list = qa.get("/api/v1/recordings?callId=1795332336.1").json();
                if (list.size() == 1 && !"recording".equals(list.get(0).get("status").asString())) {
                    recording = list.get(0);
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(recording).as("the MixMonitor recording of the call").isNotNull();
            assertThat(recording.get("status").asString()).as(recording.toString()).isEqualTo("stored");
            assertThat(recording.get("source").asString()).isEqualTo("mixmonitor");
            assertThat(recording.get("format").asString()).isEqualTo("wav");
            assertThat(recording.get("sizeBytes").asLong()).isEqualTo(wav.length);

            java.net.http.HttpResponse<byte[]> audio = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                            + "/api/v1/recordings/" + recording.get("id").asString() + "/audio"))
                            .header("Authorization", "Bearer " + t.token(api, "qa")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(audio.statusCode()).isEqualTo(200);
            assertThat(audio.body()).isEqualTo(wav);
            // moved, not copied: no plain copy stays on the PBX's disk
            assertThat(file).doesNotExist();
            // another tenant does not see it
            acme.user("qa-mix", "qa_specialist");
            assertThat(api.as(acme.token(api, "qa-mix")).get("/api/v1/recordings/" + recording.get("id").asString())
                    .status()).isEqualTo(404);
        } finally {
            tAdmin.put("/api/v1/asterisk/settings", Map.of("mode", "SIMULATED", "amiRecordingsDir", ""));
        }
    }

    /**
     * TEL-3 across a gap: the operator pauses (seen live), the connection drops, the operator
     * unpauses while it is down (the event is lost), and on the new connection the follower reads
     * QueueStatus — the answer the real Asterisk gave in 06-pause, member not paused — and the
     * supervisors' feed shows the operator free again without any event of the unpause.
     */
    @Test
    void aPauseEndedWhileTheConnectionWasDownIsSeenOnTheNewConnection() throws Exception {
        TestTenant t = tenants.create();
        Api tAdmin = api.as(t.token(api, "admin"));
        UUID op = t.user("op1006", "operator");
        assertThat(tAdmin.patch("/api/v1/users/" + op, Map.of("extension", "1006")).status()).isEqualTo(200);
        Feed feed = new Feed();
        java.net.http.WebSocket socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + t.token(api, "admin"))
                .buildAsync(java.net.URI.create("ws://localhost:" + port + "/websocket"), feed).join();
        socket.sendText("{\"type\":\"SUBSCRIBE\",\"topic\":\"on_user_status_changed\"}", true).join();
        assertThat(feed.frames.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isNotNull(); // the acknowledgement

        AmiTranscript capture = AmiTranscript.load("06-pause", "ami-raw.txt");
        int paused = -1;
        int authenticated = -1;
        for (int i = 0; i < capture.blocks().size(); i++) {
            AmiTranscript.Block b = capture.blocks().get(i);
            if (paused < 0 && "QueueMemberPause".equals(b.field("Event")) && "1".equals(b.field("Paused"))) {
                paused = i;
            }
            if (authenticated < 0 && "SuccessfulAuth".equals(b.field("Event"))) {
                authenticated = i;
            }
        }
        try (AmiTranscriptServer asterisk = new AmiTranscriptServer(capture, true)) {
            asterisk.passive = true;
            asterisk.lenient = true; // answers QueueStatus with the capture's answer
            asterisk.holdAfter = paused; // the capture up to the pause has happened
            Api.Response saved = tAdmin.put("/api/v1/asterisk/settings?verify=false", Map.of("mode", "AMI",
                    "amiHost", "127.0.0.1", "amiPort", asterisk.port(), "amiUsername", "javatest",
                    "amiSecret", "javatest-secret"));
            assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
            assertThat(statesOf(feed, op, 2)).containsExactly("FREE", "PAUSED Break");
            // the first connection's QueueStatus came after the pause event: the event stands
            await(tAdmin, c -> c != null && c.get("statusReads").asLong() == 1);

            // Asterisk goes on without us: the new connection replays only the login, then answers
            asterisk.holdAfter = authenticated;
            asterisk.dropAll();
            JsonNode connection = await(tAdmin, c -> c != null && c.get("statusReads").asLong() == 2);
            assertThat(connection.get("state").asString()).isEqualTo("connected");
            assertThat(asterisk.accepted).isEqualTo(2);
            assertThat(statesOf(feed, op, 1)).containsExactly("FREE");
            assertThat(asterisk.problems).isEmpty();
        } finally {
            socket.abort();
            tAdmin.put("/api/v1/asterisk/settings", Map.of("mode", "SIMULATED"));
        }
    }

    /** The next {@code n} states of one operator on the feed, with the pause reason. */
    private static java.util.List<String> statesOf(Feed feed, UUID user, int n) throws InterruptedException {
        java.util.List<String> states = new java.util.ArrayList<>();
        JsonNode f;
        while (states.size() < n && (f = feed.frames.poll(10, java.util.concurrent.TimeUnit.SECONDS)) != null) {
            if ("EVENT".equals(f.get("type").asString()) && user.toString().equals(f.get("data").get("userId").asString())) {
                JsonNode reason = f.get("data").get("reason");
                states.add(f.get("data").get("state").asString()
                        + (reason == null || reason.isNull() || reason.asString().isEmpty() ? "" : " " + reason.asString()));
            }
        }
        return states;
    }

    /**
     * RT-7 for PBX-routed calls: while a caller waits in Asterisk's queue (01-basic held at the
     * moment the agent's phone rings), the wallboard's tile for that queue shows it waiting with
     * its wait's start, and the member free, as the follower sees them — not the ACD's engine,
     * which routes none of these calls.
     */
    @Test
    void theWallboardShowsCallersWaitingInAsteriskQueuesAndTheirMembers() throws Exception {
        TestTenant t = tenants.create();
        Api tAdmin = api.as(t.token(api, "admin"));
        UUID op = t.user("op1001", "operator");
        assertThat(tAdmin.patch("/api/v1/users/" + op, Map.of("extension", "1001")).status()).isEqualTo(200);
        AmiTranscript capture = AmiTranscript.load("01-basic", "ami-raw.txt");
        int ringing = -1;
        for (int i = 0; i < capture.blocks().size() && ringing < 0; i++) {
            if ("AgentCalled".equals(capture.blocks().get(i).field("Event"))) {
                ringing = i;
            }
        }
        String joinedAt = null;
        for (AmiTranscript.Block b : capture.blocks()) {
            if ("QueueCallerJoin".equals(b.field("Event"))) {
                joinedAt = b.field("Timestamp");
            }
        }
        long joinedMs = new java.math.BigDecimal(joinedAt).movePointRight(3).longValue();
        try (AmiTranscriptServer asterisk = new AmiTranscriptServer(capture, false)) {
            asterisk.passive = true;
            asterisk.holdAfter = ringing;
            Api.Response saved = tAdmin.put("/api/v1/asterisk/settings?verify=false", Map.of("mode", "AMI",
                    "amiHost", "127.0.0.1", "amiPort", asterisk.port(), "amiUsername", "javatest",
                    "amiSecret", "javatest-secret"));
            assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
            JsonNode board = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .pollInterval(java.time.Duration.ofMillis(50))
                    .until(() -> tAdmin.get("/api/v1/wallboard").json(), b -> supportTile(b) != null);
            JsonNode tile = supportTile(board);
            assertThat(tile.get("longestWaitSince").asLong()).isEqualTo(joinedMs);
            assertThat(tile.get("free").asInt()).isEqualTo(1);
            assertThat(tile.get("busy").asInt()).isZero();
            JsonNode agent = board.get("agents").get(0);
            assertThat(agent.get("userId").asString()).isEqualTo(op.toString());
            assertThat(agent.get("state").asString()).isEqualTo("FREE");
            assertThat(agent.get("queues").get(0).asString()).isEqualTo(tile.get("number").asString());

            // another tenant's wallboard shows none of it
            JsonNode others = admin.get("/api/v1/wallboard").json();
            for (JsonNode q : others.get("queues")) {
                assertThat(q.get("waiting").asInt()).isZero();
            }
        } finally {
            tAdmin.put("/api/v1/asterisk/settings", Map.of("mode", "SIMULATED"));
        }
    }

    /** The wallboard's tile of Asterisk's queue {@code support} with one caller waiting, or null. */
    private static JsonNode supportTile(JsonNode board) {
        for (JsonNode q : board.get("queues")) {
            if (q.get("name").asString().equalsIgnoreCase("support") && q.get("waiting").asInt() == 1) {
                return q;
            }
        }
        return null;
    }

    @Test
    void savingChecksTheConnectionAndNamesTheFieldToFix() throws Exception {
        try (AmiTranscriptServer asterisk = new AmiTranscriptServer(AmiTranscript.load("06-pause", "ami-raw.txt"), false)) {
            asterisk.lenient = true;
            Api.Response wrongSecret = admin.put("/api/v1/asterisk/settings", Map.of("mode", "AMI", "amiHost", "127.0.0.1",
                    "amiPort", asterisk.port(), "amiUsername", "javatest", "amiSecret", "nope"));
            assertThat(wrongSecret.status()).isEqualTo(422);
            assertThat(wrongSecret.field()).isEqualTo("amiSecret");
            assertThat(wrongSecret.code()).isEqualTo("ami_auth");
            assertThat(wrongSecret.body()).contains("Authentication failed");

            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            Api.Response refused = admin.put("/api/v1/asterisk/settings", Map.of("mode", "AMI", "amiHost", "127.0.0.1",
                    "amiPort", closed, "amiUsername", "javatest", "amiSecret", "javatest-secret"));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.field()).isEqualTo("amiPort");
            assertThat(refused.code()).isEqualTo("ami_refused");

            Api.Response dns = admin.put("/api/v1/asterisk/settings", Map.of("mode", "AMI", "amiHost", "pbx.invalid",
                    "amiPort", 5038, "amiUsername", "javatest", "amiSecret", "javatest-secret"));
            assertThat(dns.status()).isEqualTo(422);
            assertThat(dns.field()).isEqualTo("amiHost");
            assertThat(dns.code()).isEqualTo("ami_dns");
            // nothing of the failed attempts was kept
            assertThat(admin.get("/api/v1/asterisk/settings").json().get("settings").get("mode").asString())
                    .isEqualTo("SIMULATED");

            Api.Response good = admin.put("/api/v1/asterisk/settings", Map.of("mode", "AMI", "amiHost", "127.0.0.1",
                    "amiPort", asterisk.port(), "amiUsername", "javatest", "amiSecret", "javatest-secret"));
            assertThat(good.status()).as(good.toString()).isEqualTo(200);
            JsonNode test = admin.post("/api/v1/asterisk/settings/test", null).json();
            assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
            JsonNode stored = admin.get("/api/v1/asterisk/settings").json().get("settings");
            assertThat(stored.get("amiHost").asString()).isEqualTo("127.0.0.1");
            assertThat(stored.has("amiSecret")).isFalse();

            Api.Response ari = admin.put("/api/v1/asterisk/settings", Map.of("mode", "ARI"));
            assertThat(ari.status()).isEqualTo(422);
            assertThat(ari.code()).isEqualTo("required");
            assertThat(ari.field()).isEqualTo("ariUrl");
            Api.Response unknown = admin.put("/api/v1/asterisk/settings", Map.of("mode", "SIP"));
            assertThat(unknown.code()).isEqualTo("unknown_mode");
            Api.Response missingHost = admin.put("/api/v1/asterisk/settings?verify=false", Map.of("mode", "AMI",
                    "amiHost", " "));
            assertThat(missingHost.status()).isEqualTo(422);
            assertThat(missingHost.field()).isEqualTo("amiHost");
        } finally {
            admin.put("/api/v1/asterisk/settings", Map.of("mode", "SIMULATED"));
        }
    }

    @Test
    void onlyAdministratorsAndOnlyTheirTenant() {
        Api operator = api.as(acme.token(api, "op1001"));
        assertThat(operator.get("/api/v1/asterisk/settings").status()).isEqualTo(403);
        TestTenant other = tenants.create();
        Api otherAdmin = api.as(other.token(api, "admin"));
        JsonNode theirs = otherAdmin.get("/api/v1/asterisk/settings").json();
        assertThat(theirs.get("settings").get("mode").asString()).isEqualTo("SIMULATED");
        assertThat(theirs.get("connection").isNull()).isTrue();
        assertThat(otherAdmin.post("/api/v1/asterisk/settings/test", null).json().get("kind").asString())
                .isEqualTo("NOT_CONFIGURED");
    }

    private JsonNode await(java.util.function.Predicate<JsonNode> until) throws InterruptedException {
        return await(admin, until);
    }

    private static JsonNode await(Api admin, java.util.function.Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode c = null;
        while (System.nanoTime() < deadline) {
            c = admin.get("/api/v1/asterisk/settings").json().get("connection");
            if (until.test(c == null || c.isNull() ? null : c)) {
                return c;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the AMI connection did not get there in 30 s: " + c);
    }
}
