package io.linia.asterisk.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.platform.TenantId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ARI client (TEL-2) against the ARI peer, and the failures an administrator must tell apart (TEL-7). */
class AriClientTest {

    private static AriClient.Settings settings(String url, String password) {
        return new AriClient.Settings(url, "linia", password, "linia", Duration.ofSeconds(2));
    }

    @Test
    void connectsChecksTheApplicationAndHearsEventsInOrder() throws Exception {
        try (AriPeer asterisk = new AriPeer("linia", "pw")) {
            List<String> seen = new CopyOnWriteArrayList<>();
            List<AriException> lost = new CopyOnWriteArrayList<>();
            try (AriClient client = AriClient.connect(settings(asterisk.url(), "pw"),
                    e -> seen.add(e.get("type").asString()), lost::add)) {
                assertThat(client.info().get("system").get("version").asString()).isEqualTo("22.10.1");
                assertThat(asterisk.requests).containsExactly("GET /asterisk/info", "GET /applications/linia");
                String ch = asterisk.inbound("100", "200");
                asterisk.dtmf(ch, "12");
                asterisk.hangup(ch);
                await(() -> seen.size() == 6);
                assertThat(seen).containsExactly("StasisStart", "ChannelDtmfReceived", "ChannelDtmfReceived",
                        "ChannelHangupRequest", "StasisEnd", "ChannelDestroyed");
                assertThat(client.get("/channels")).isEmpty();
                AriException gone = org.junit.jupiter.api.Assertions.assertThrows(AriException.class,
                        () -> client.delete("/channels/" + ch, java.util.Map.of()));
                assertThat(gone.kind()).isEqualTo(AriException.Kind.REFUSED_ACTION);
                assertThat(gone.status()).isEqualTo(404);
                assertThat(gone.getMessage()).contains("Channel not found");

                asterisk.dropSocket();
                await(() -> lost.size() == 1);
                assertThat(lost.get(0).kind()).isEqualTo(AriException.Kind.DISCONNECTED);
                assertThat(client.isOpen()).isFalse();
            }
        }
    }

    @Test
    void theSessionComesBackAfterTheEventSocketDrops() throws Exception {
        try (AriPeer asterisk = new AriPeer("linia", "pw")) {
            AtomicInteger connections = new AtomicInteger();
            List<AriException> failures = new CopyOnWriteArrayList<>();
            try (AriSession session = new AriSession(settings(asterisk.url(), "pw"), e -> { }, new AriSession.Listener() {
                @Override
                public void connected(AriClient client) {
                    connections.incrementAndGet();
                }

                @Override
                public void failed(AriException why, Duration retryIn) {
                    failures.add(why);
                }
            }, Duration.ofSeconds(2), "test")) {
                session.start();
                await(() -> connections.get() == 1);
                asterisk.dropSocket();
                await(() -> connections.get() == 2);
                assertThat(failures).extracting(AriException::kind).containsExactly(AriException.Kind.DISCONNECTED);
                assertThat(session.client()).isNotNull();
            }
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationError() throws Exception {
        try (AriPeer asterisk = new AriPeer("linia", "pw")) {
            assertThatThrownBy(() -> AriClient.connect(settings(asterisk.url(), "nope"), e -> { }, null))
                    .isInstanceOfSatisfying(AriException.class, e -> assertThat(e.kind()).isEqualTo(AriException.Kind.AUTH));
        }
    }

    @Test
    void nothingListeningIsRefusedAndAnUnknownHostIsADnsError() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> AriClient.connect(settings("http://127.0.0.1:" + closed, "pw"), e -> { }, null))
                .isInstanceOfSatisfying(AriException.class, e -> assertThat(e.kind()).isEqualTo(AriException.Kind.REFUSED));
        assertThatThrownBy(() -> AriClient.connect(settings("http://no-such-host.invalid:8088", "pw"), e -> { }, null))
                .isInstanceOfSatisfying(AriException.class, e -> assertThat(e.kind()).isEqualTo(AriException.Kind.DNS));
        assertThatThrownBy(() -> AriClient.connect(settings("pbx:8088", "pw"), e -> { }, null))
                .isInstanceOfSatisfying(AriException.class, e -> assertThat(e.kind()).isEqualTo(AriException.Kind.PROTOCOL));
    }

    @Test
    void aWebServerThatIsNotAsteriskIsAProtocolError() throws Exception {
        com.sun.net.httpserver.HttpServer web = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            byte[] page = "<html>It works!</html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        web.start();
        try {
            assertThatThrownBy(() -> AriClient.connect(settings("http://127.0.0.1:" + web.getAddress().getPort(), "pw"),
                    e -> { }, null))
                    .isInstanceOfSatisfying(AriException.class, e -> assertThat(e.kind()).isEqualTo(AriException.Kind.PROTOCOL));
        } finally {
            web.stop(0);
        }
    }

    @Test
    void everyEventOfTheRealCaptureIsReadAndThoseOfOtherChannelsChangeNothing() throws Exception {
        var json = JsonMapper.builder().build();
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/fixtures/asterisk/10-ari/ari-transcript.txt"));
        List<String> delivered = new CopyOnWriteArrayList<>();
        AriSwitch port = new AriSwitch(new TenantId(UUID.randomUUID()), new AriSwitch.Options("javatest",
                "PJSIP/{extension}", "Local/{number}@from-internal", "linia/", "linia-voicemail", 60, false),
                event -> delivered.add("event"));
        int events = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("### WS EVENT")) {
                JsonNode e = json.readTree(lines.get(i + 1));
                if (!"StasisStart".equals(e.get("type").asString())) {
                    port.on(e);
                }
                events++;
            }
        }
        assertThat(events).isEqualTo(49);
        assertThat(delivered).isEmpty();
        assertThat(port.activeCalls()).isZero();
    }

    @Test
    void promptNamesBecomeAsteriskSoundsAndPhonesAreKnownByTheirChannelName() throws Exception {
        AriSwitch port = new AriSwitch(new TenantId(UUID.randomUUID()), new AriSwitch.Options("linia",
                "PJSIP/{extension}", "Local/{number}@from-internal", "linia/", "linia-voicemail", 60, false), event -> { });
        assertThat(port.media("welcome")).isEqualTo("sound:linia/welcome");
        assertThat(port.media("sound:custom/hello")).isEqualTo("sound:custom/hello");
        assertThat(port.media("recording:greeting")).isEqualTo("recording:greeting");
        var json = JsonMapper.builder().build();
        assertThat(AriSwitch.endpointOf(json.readTree("{\"name\":\"PJSIP/1001-0000002a\",\"caller\":{\"number\":\"x\"}}")))
                .isEqualTo("1001");
        assertThat(AriSwitch.endpointOf(json.readTree("{\"name\":\"Local/1001@agents-00000001;1\",\"caller\":{\"number\":\"1001\"}}")))
                .isEqualTo("1001");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("Not reached in 10 s");
            }
            Thread.sleep(10);
        }
    }
}
