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
