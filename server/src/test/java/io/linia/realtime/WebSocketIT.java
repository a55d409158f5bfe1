package io.linia.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import tools.jackson.databind.JsonNode;

/** RT-3..5: the /websocket frames, topics, errors and tenant isolation. */
@IntegrationTest
class WebSocketIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    Api api;
    TestTenant acme;
    Api admin;
    UUID opId;
    String queue;
    final List<WebSocket> sockets = new ArrayList<>();

    /** A client that keeps every frame it receives, and when it arrived. */
    final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;
        /** When the frame {@link #next} returned last arrived (System.nanoTime). */
        long arrived;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                arrivals.add(System.nanoTime());
                frames.add(Api.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        JsonNode next() throws InterruptedException {
            JsonNode f = frames.poll(5, TimeUnit.SECONDS);
            assertThat(f).as("a frame arrives").isNotNull();
            arrived = arrivals.take();
            return f;
        }

        /** The next EVENT on the topic whose data (or nested data) matches, skipping others. */
        JsonNode nextEvent(String topic, String innerType) throws InterruptedException {
            while (true) {
                JsonNode f = next();
                if ("EVENT".equals(f.get("type").asString()) && topic.equals(f.get("topic").asString())
                        && (innerType == null || innerType.equals(f.get("data").get("type").asString()))) {
                    return f;
                }
            }
        }
    }

    Client connect(String token) {
        Client c = new Client();
        c.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://localhost:" + port + "/websocket"), c).join();
        sockets.add(c.socket);
        return c;
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = tenants.create();
        admin = api.as(acme.token(api, "admin"));
        opId = acme.user("op", "operator");
        admin.patch("/api/v1/users/" + opId, Map.of("extension", "201"));
        queue = admin.post("/api/v1/queues", Map.of("number", "100", "name", "Q")).json().get("id").asString();
    }

    @AfterEach
    void close() {
        sockets.forEach(s -> s.abort());
    }

    @Test
    void theOperatorGetsOwnStatusAndCallActionsAndTheSupervisorEveryStatus() throws Exception {
        String opToken = acme.token(api, "op");
        Client op = connect(opToken);
        op.send("{\"type\":\"SUBSCRIBE\",\"topic\":\"current_user_event\"}");
        JsonNode ack = op.next();
        assertThat(ack.get("type").asString()).isEqualTo("SUBSCRIBE");
        Client boss = connect(acme.token(api, "admin"));
        boss.send("{\"type\":\"SUBSCRIBE\",\"topic\":\"on_user_status_changed\"}");
        boss.next();

        api.as(opToken).put("/api/v1/agent/queues/" + queue, null);
        JsonNode mine = op.nextEvent("current_user_event", "on_user_status_changed");
        assertThat(mine.get("data").get("data").get("status").asString()).isEqualTo("free");
        JsonNode all = boss.nextEvent("on_user_status_changed", null);
        assertThat(all.get("data").get("userId").asString()).isEqualTo(opId.toString());
        assertThat(all.get("data").get("state").asString()).isEqualTo("FREE");
        assertThat(all.get("data").get("since").asLong()).isPositive();

        String callId = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951112233", "dialled", "100"))
                .json().get("callId").asString();
        JsonNode call = op.nextEvent("current_user_event", "call_action");
        assertThat(call.get("data").get("data").get("id").asString()).isEqualTo(callId);
        assertThat(call.get("data").get("data").get("caller").asString()).isEqualTo("+74951112233");
        assertThat(call.get("data").get("data").get("state").asString()).isEqualTo("ringing");

        api.as(opToken).post("/api/v1/agent/calls/" + callId + "/answer", null);
        JsonNode connected = op.nextEvent("current_user_event", "call_action");
        assertThat(connected.get("data").get("data").get("state").asString()).isEqualTo("connected");
        assertThat(boss.nextEvent("on_user_status_changed", null).get("data").get("state").asString())
                .isIn("RINGING", "TALKING");
    }

    /** The next call_action of the call, skipping other frames. */
    JsonNode nextAction(Client c, String callId) throws InterruptedException {
        while (true) {
            JsonNode data = c.nextEvent("current_user_event", "call_action").get("data").get("data");
            if (callId.equals(data.get("id").asString())) {
                return data;
            }
        }
    }

    @Test
    void outboundCallsAndConsultationsArePushedWithTheirStates() throws Exception {
        String opToken = acme.token(api, "op");
        Api me = api.as(opToken);
        Client op = connect(opToken);
        op.send("{\"type\":\"SUBSCRIBE\",\"topic\":\"current_user_event\"}");
        op.next();
        me.put("/api/v1/agent/queues/" + queue, null);

        String out = me.post("/api/v1/agent/dial", Map.of("number", "+74957654321")).json().get("callId").asString();
        JsonNode status;
        do { // FREE from the log-in first, then DIALING (published before the call's action)
            status = op.nextEvent("current_user_event", "on_user_status_changed").get("data").get("data");
        } while (!"DIALING".equals(status.get("state").asString()));
        JsonNode dialing = nextAction(op, out);
        assertThat(dialing.get("state").asString()).isEqualTo("dialing");
        assertThat(dialing.get("direction").asString()).isEqualTo("outbound");
        assertThat(dialing.get("dialled").asString()).isEqualTo("+74957654321");
        assertThat(dialing.get("fromAgentId").asString()).isEqualTo(opId.toString());
        admin.post("/api/v1/sim/clock/advance", Map.of("seconds", 3));
        assertThat(nextAction(op, out).get("state").asString()).isEqualTo("connected");
        me.post("/api/v1/agent/calls/" + out + "/hangup", null);
        assertThat(nextAction(op, out).get("state").asString()).isEqualTo("ended");

        String callId = admin.post("/api/v1/sim/calls", Map.of("caller", "+74951112233", "dialled", "100"))
                .json().get("callId").asString();
        me.post("/api/v1/agent/calls/" + callId + "/answer", null);
        String leg = me.post("/api/v1/agent/calls/" + callId + "/consult", Map.of("number", "+74957654321"))
                .json().get("consultCallId").asString();
        JsonNode consulting;
        do {
            consulting = nextAction(op, callId);
        } while (!"consulting".equals(consulting.get("state").asString()));
        JsonNode legAction = nextAction(op, leg);
        assertThat(legAction.get("state").asString()).isEqualTo("dialing");
        assertThat(legAction.get("parentCallId").asString()).isEqualTo(callId);
        me.post("/api/v1/agent/calls/" + callId + "/consult/cancel", null);
        assertThat(nextAction(op, callId).get("state").asString()).isEqualTo("held");
    }

    @Test
    void badFramesAndForbiddenTopicsGetAnErrorAndTheConnectionStays() throws Exception {
        acme.user("client", "customer");
        Client c = connect(acme.token(api, "client"));
        c.send("not json");
        assertThat(c.next().get("data").get("code").asString()).isEqualTo("malformed_frame");
        c.send("{\"type\":\"SUBSCRIBE\",\"topic\":\"everything\"}");
        JsonNode unknown = c.next();
        assertThat(unknown.get("type").asString()).isEqualTo("ERROR");
        assertThat(unknown.get("data").get("code").asString()).isEqualTo("unknown_topic");
        c.send("{\"type\":\"SUBSCRIBE\",\"topic\":\"on_user_status_changed\"}");
        assertThat(c.next().get("data").get("code").asString()).isEqualTo("forbidden");
        c.send("{\"type\":\"EVENT\",\"topic\":\"current_user_event\"}");
        assertThat(c.next().get("data").get("code").asString()).isEqualTo("unknown_type");
        c.send("{\"type\":\"SUBSCRIBE\",\"topic\":\"current_user_event\"}");
        assertThat(c.next().get("type").asString()).isEqualTo("SUBSCRIBE");
    }

    static final String SUBSCRIBE_STATUS = "{\"type\":\"SUBSCRIBE\",\"topic\":\"on_user_status_changed\"}";

    /**
     * A client that subscribes to every status and then stops reading, on a real socket with a
     * small receive window, so the server's writes to it soon stop going through.
     */
    Socket stalledClient(String token) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(1024);
        s.connect(new InetSocketAddress("localhost", port), 5000);
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /websocket HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        byte[] text = SUBSCRIBE_STATUS.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81); // a final text frame
        frame.write(0x80 | text.length); // masked, as from every client, with the key 0 0 0 0
        frame.write(new byte[4]);
        frame.write(text);
        out.write(frame.toByteArray());
        assertThat(in.read()).isEqualTo(0x81);
        byte[] ack = in.readNBytes(in.read());
        assertThat(new String(ack, StandardCharsets.UTF_8)).startsWith("{\"type\":\"SUBSCRIBE\"");
        return s; // from here on nobody reads it
    }

    /** RT-3..5: a client that stops reading delays nobody else's events and is disconnected. */
    @Test
    void aClientThatStopsReadingHoldsUpNoOneAndIsDisconnected() throws Exception {
        String bossToken = acme.token(api, "admin");
        List<Client> readers = new ArrayList<>();
        Socket stalled = null;
        for (int i = 0; i < 8; i++) { // connections are spread over the fan-out threads in turn
            Client c = connect(bossToken);
            c.send(SUBSCRIBE_STATUS);
            c.next();
            readers.add(c);
            if (i == 3) {
                stalled = stalledClient(bossToken);
            }
        }
        Api op = api.as(acme.token(api, "op"));
        int changes = 300; // the stalled connection's buffers (TestServerConfiguration) are full after about a hundred
        long[] made = new long[changes];
        for (int i = 0; i < changes; i++) {
            assertThat(i == 0 ? op.put("/api/v1/agent/queues/" + queue, null) // logs in: FREE
                    : op.put("/api/v1/agent/state", i % 2 == 1 ? Map.of("state", "PAUSED", "reason", "meeting")
                            : Map.of("state", "FREE"))).extracting(Api.Response::status).isEqualTo(200);
            made[i] = System.nanoTime();
        }
        for (Client c : readers) { // every change, in order, each within seconds (without the limit: 20 s)
            String last = "PAUSED";
            for (int i = 0; i < changes; i++) {
                String state = c.nextEvent("on_user_status_changed", null).get("data").get("state").asString();
                assertThat(state).as("change %d", i).isNotEqualTo(last);
                last = state;
                assertThat(TimeUnit.NANOSECONDS.toMillis(c.arrived - made[i])).as("delay of change %d", i).isLessThan(5000);
            }
        }
        // the server gives up on it (its send time limit, 2 s): reading now ends after what was sent
        stalled.setSoTimeout(20_000);
        InputStream in = stalled.getInputStream();
        long read = 0;
        try {
            while (in.read(new byte[8192]) >= 0) {
                read++;
            }
        } catch (java.net.SocketException reset) {
            // closed by the server with data still on the way: as good as the end
        }
        assertThat(read).as("what had been sent before").isPositive();
        stalled.close();
    }

    @Test
    void anotherTenantHearsNothingAndAnAnonymousClientIsRefused() throws Exception {
        TestTenant other = tenants.create();
        Client spy = connect(other.token(api, "admin"));
        spy.send("{\"type\":\"SUBSCRIBE\",\"topic\":\"on_user_status_changed\"}");
        spy.next();
        api.as(acme.token(api, "op")).put("/api/v1/agent/queues/" + queue, null);
        assertThat(spy.frames.poll(500, TimeUnit.MILLISECONDS)).isNull();

        Throwable refused = null;
        try {
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + port + "/websocket"), new WebSocket.Listener() { })
                    .join();
        } catch (RuntimeException e) {
            refused = e;
        }
        assertThat(refused).isNotNull();
    }
}
