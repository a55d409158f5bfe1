package io.linia.asterisk.ami;

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
 * TEL-3: Linia steers an Asterisk that keeps its own queues. The peer replays a real Asterisk
 * 22's session (01-basic) up to the moment the agent took the call, and answers Linia's
 * actions with the answers the same Asterisk gave to them in the captures (QueueAdd and
 * QueueRemove in 01-basic, QueuePause in 06-pause, Originate in 08-sip-originate).
 */
@IntegrationTest
class AmiSteeringIT {

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
    Api other;
    UUID op1001;
    UUID op1002;
    String support;
    AmiTranscriptServer asterisk;
    static final String CALL = "1795332336.1";

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        op1001 = acme.user("agent1001", "operator");
        op1002 = acme.user("agent1002", "operator");
        admin.patch("/api/v1/users/" + op1001, Map.of("extension", "1001", "fullName", "Anna Petrova"));
        admin.patch("/api/v1/users/" + op1002, Map.of("extension", "1002"));
        op = api.as(acme.token(api, "agent1001"));
        other = api.as(acme.token(api, "agent1002"));
        // Asterisk's queue is named "support"; Linia's has a number of its own
        support = admin.post("/api/v1/queues", Map.of("number", "9100", "name", "Support")).json().get("id").asString();

        AmiTranscript capture = AmiTranscript.load("01-basic", "ami-raw.txt");
        asterisk = new AmiTranscriptServer(capture, false);
        asterisk.passive = true;
        asterisk.lenient = true;
        asterisk.library.add(AmiTranscript.load("06-pause", "ami-raw.txt"));
        asterisk.library.add(AmiTranscript.load("08-sip-originate", "ami-raw.txt"));
        List<AmiTranscript.Block> blocks = capture.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            if ("AgentConnect".equals(blocks.get(i).field("Event"))) {
                asterisk.holdAfter = i; // the agent is talking: the rest has not happened yet
                break;
            }
        }
        assertThat(admin.put("/api/v1/asterisk/settings?verify=false", Map.of("mode", "AMI", "amiHost", "127.0.0.1",
                "amiPort", asterisk.port(), "amiUsername", "javatest", "amiSecret", "javatest-secret",
                "amiInterface", "Local/{extension}@agents/n")).status()).isEqualTo(200);
        await(() -> admin.post("/api/v1/asterisk/calls/" + CALL + "/recording", Map.of("paused", false)).status() == 200);
        asterisk.received.clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        admin.put("/api/v1/asterisk/settings", Map.of("mode", "SIMULATED"));
        asterisk.close();
    }

    private AmiMessage sent(String action) {
        return asterisk.received.stream().filter(m -> action.equals(m.get("Action"))).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void anOperatorJoinsPausesCallsAndLeavesTheAsteriskQueue() {
        Api.Response added = op.put("/api/v1/asterisk/queues/" + support + "/members/me", null);
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().get("message").asString()).isEqualTo("Added interface to queue");
        AmiMessage add = sent("QueueAdd");
        assertThat(add.get("Queue")).isEqualTo("support");
        assertThat(add.get("Interface")).isEqualTo("Local/1001@agents/n");
        assertThat(add.get("MemberName")).isEqualTo("Anna Petrova 1001");
        assertThat(add.get("Paused")).isEqualTo("false");

        Api.Response paused = op.post("/api/v1/asterisk/agents/me/pause", Map.of("paused", true, "reason", "Break"));
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        AmiMessage pause = sent("QueuePause");
        assertThat(pause.get("Interface")).isEqualTo("Local/1001@agents/n");
        assertThat(pause.get("Paused")).isEqualTo("true");
        assertThat(pause.get("Reason")).isEqualTo("Break");
        assertThat(pause.get("Queue")).isNull(); // every queue

        Api.Response dialled = op.post("/api/v1/asterisk/agents/me/originate", Map.of("number", "+74951234567"));
        assertThat(dialled.status()).as(dialled.toString()).isEqualTo(200);
        assertThat(dialled.json().get("message").asString()).isEqualTo("Originate successfully queued");
        AmiMessage originate = sent("Originate");
        assertThat(originate.get("Channel")).isEqualTo("Local/1001@agents/n");
        assertThat(originate.get("Context")).isEqualTo("from-internal");
        assertThat(originate.get("Exten")).isEqualTo("+74951234567");
        assertThat(originate.get("Async")).isEqualTo("true");

        Api.Response removed = op.delete("/api/v1/asterisk/queues/" + support + "/members/me");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(sent("QueueRemove").get("Interface")).isEqualTo("Local/1001@agents/n");

        assertThat(TenantContext.as(acme.id(), () -> jdbc.sql(
                "select action from audit_log where tenant_id = ? and action like 'asterisk.%' order by id")
                .param(acme.id().value()).query(String.class).list()))
                .containsSubsequence("asterisk.queue_add", "asterisk.queue_pause", "asterisk.originate",
                        "asterisk.queue_remove");
    }

    @Test
    void theOperatorOnTheCallRedirectsItAndSilencesItsRecordingOthersMayNot() {
        Api.Response redirected = op.post("/api/v1/asterisk/calls/" + CALL + "/redirect", Map.of("extension", "200"));
        assertThat(redirected.status()).as(redirected.toString()).isEqualTo(200);
        AmiMessage redirect = sent("Redirect");
        assertThat(redirect.get("Channel")).isEqualTo("Local/100@from-test-00000000;2");
        assertThat(redirect.get("Exten")).isEqualTo("200");
        assertThat(redirect.get("Context")).isEqualTo("from-internal");

        assertThat(op.post("/api/v1/asterisk/calls/" + CALL + "/recording", Map.of("paused", true)).status()).isEqualTo(200);
        AmiMessage mute = sent("MixMonitorMute");
        assertThat(mute.get("Channel")).isEqualTo("Local/100@from-test-00000000;2");
        assertThat(mute.get("Direction")).isEqualTo("both");
        assertThat(mute.get("State")).isEqualTo("1");

        assertThat(other.post("/api/v1/asterisk/calls/" + CALL + "/recording", Map.of("paused", false)).status())
                .isEqualTo(403);
        assertThat(other.put("/api/v1/asterisk/queues/" + support + "/members/" + op1001, null).status()).isEqualTo(403);
        assertThat(op.post("/api/v1/asterisk/calls/no-such-call/redirect", Map.of("extension", "200")).status())
                .isEqualTo(404);
    }

    @Test
    void badInputAndAQueueAsteriskDoesNotHaveAreClearErrors() {
        String sales = admin.post("/api/v1/queues", Map.of("number", "9200", "name", "Sales")).json().get("id").asString();
        Api.Response unknownQueue = op.put("/api/v1/asterisk/queues/" + sales + "/members/me", null);
        assertThat(unknownQueue.status()).isEqualTo(422);
        assertThat(unknownQueue.code()).isEqualTo("unknown_on_asterisk");
        assertThat(unknownQueue.field()).isEqualTo("queueId");

        assertThat(op.post("/api/v1/asterisk/agents/me/originate", Map.of("number", "12; Action: Logoff")).field())
                .isEqualTo("number");
        assertThat(op.post("/api/v1/asterisk/agents/me/pause", Map.of("reason", "x")).field()).isEqualTo("paused");
        assertThat(op.post("/api/v1/asterisk/calls/" + CALL + "/redirect", Map.of("extension", "2\r\nAction: Logoff"))
                .field()).isEqualTo("extension");
        assertThat(admin.put("/api/v1/asterisk/settings?verify=false", Map.of("amiInterface", "PJSIP/1001")).field())
                .isEqualTo("amiInterface");
        assertThat(asterisk.received).noneMatch(m -> "Logoff".equals(m.get("Action")));

        UUID noPhone = acme.user("nophone", "operator");
        Api.Response noExtension = admin.put("/api/v1/asterisk/queues/" + support + "/members/" + noPhone, null);
        assertThat(noExtension.code()).isEqualTo("no_extension");

        // another tenant: not its queue, not its call
        TestTenant globex = tenants.create();
        Api theirs = api.as(globex.token(api, "admin"));
        assertThat(theirs.put("/api/v1/asterisk/queues/" + support + "/members/me", null).status()).isEqualTo(404);
        assertThat(theirs.post("/api/v1/asterisk/calls/" + CALL + "/recording", Map.of("paused", true)).status())
                .isEqualTo(404);

        admin.put("/api/v1/asterisk/settings", Map.of("mode", "SIMULATED"));
        Api.Response notAmi = op.post("/api/v1/asterisk/agents/me/originate", Map.of("number", "100"));
        assertThat(notAmi.status()).isEqualTo(409);
        assertThat(notAmi.code()).isEqualTo("not_ami");
    }

    private static void await(BooleanSupplier condition) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("Not reached in 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
