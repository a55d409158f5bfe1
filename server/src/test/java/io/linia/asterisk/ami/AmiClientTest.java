package io.linia.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The AMI client against a peer that replays a real Asterisk 22 session byte for byte
 * (fixtures/asterisk/06-pause/ami-raw.txt): login, ActionID correlation, list actions,
 * events in order, frames cut anywhere, and the errors an administrator must be told apart.
 */
class AmiClientTest {

    static AmiClient.Settings settings(int port, String secret) {
        return new AmiClient.Settings("127.0.0.1", port, "javatest", secret, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void replaysASessionWithCorrelatedResponsesAndEventsInOrder() throws Exception {
        replay(false);
    }

    @Test
    void framesCutIntoPiecesOfAFewBytesMakeNoDifference() throws Exception {
        replay(true);
    }

    private void replay(boolean chunked) throws Exception {
        AmiTranscript t = AmiTranscript.load("06-pause", "ami-raw.txt");
        try (AmiTranscriptServer server = new AmiTranscriptServer(t, chunked)) {
            List<AmiMessage> events = new CopyOnWriteArrayList<>();
            try (AmiClient client = AmiClient.connect(settings(server.port(), "javatest-secret"), events::add, null)) {
                for (AmiMessage action : t.actions()) {
                    String name = action.get("Action");
                    switch (name) {
                        case "Login", "Logoff" -> {
                        }
                        case "QueueSummary", "QueueStatus" -> {
                            List<AmiMessage> items = client.list(action);
                            assertThat(items).isNotEmpty();
                            assertThat(items).allMatch(m -> m.actionId().startsWith("linia-"));
                        }
                        default -> assertThat(client.require(action).isSuccess()).isTrue();
                    }
                }
                assertThat(server.problems).isEmpty();
                // the last event follows the last response on the wire: give the reader a moment
                waitFor(() -> events.stream().anyMatch(e -> "QueueMemberRemoved".equals(e.event())));
                // every action went out with an ActionID of ours, and Login carried the secret
                assertThat(server.received).allMatch(m -> m.actionId() != null && m.actionId().startsWith("linia-"));
                List<String> queueEvents = events.stream().map(AmiMessage::event).filter(e -> e.startsWith("QueueMember"))
                        .filter(e -> !e.equals("QueueMemberStatus")).toList();
                assertThat(queueEvents).containsExactly("QueueMemberAdded", "QueueMemberPause", "QueueMemberPause",
                        "QueueMemberRemoved");
                AmiMessage pause = events.stream().filter(e -> "QueueMemberPause".equals(e.event())).findFirst().orElseThrow();
                assertThat(pause.get("PausedReason")).isEqualTo("Break");
                assertThat(pause.get("paused")).isEqualTo("1"); // keys without regard to case
            }
        }
    }

    @Test
    void aWrongSecretIsAnAuthenticationError() throws Exception {
        try (AmiTranscriptServer server = new AmiTranscriptServer(AmiTranscript.load("06-pause", "ami-raw.txt"), false)) {
            assertThatThrownBy(() -> AmiClient.connect(settings(server.port(), "wrong"), e -> { }, null))
                    .isInstanceOf(AmiException.class)
                    .satisfies(e -> assertThat(((AmiException) e).kind()).isEqualTo(AmiException.Kind.AUTH))
                    .hasMessageContaining("Authentication failed").hasMessageContaining("manager.conf");
        }
    }

    @Test
    void nothingListeningIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> AmiClient.connect(settings(port, "x"), e -> { }, null))
                .satisfies(e -> assertThat(((AmiException) e).kind()).isEqualTo(AmiException.Kind.REFUSED))
                .hasMessageContaining("Nothing accepts connections on 127.0.0.1:" + port);
    }

    @Test
    void anUnknownHostIsADnsError() {
        assertThatThrownBy(() -> AmiClient.connect(new AmiClient.Settings("no-such-host.invalid", 5038, "u", "s",
                Duration.ofSeconds(2), null), e -> { }, null))
                .satisfies(e -> assertThat(((AmiException) e).kind()).isEqualTo(AmiException.Kind.DNS))
                .hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void aPeerThatIsNotAsteriskIsAProtocolError() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (Socket c = s.accept()) {
                    OutputStream out = c.getOutputStream();
                    out.write("SSH-2.0-OpenSSH_9.2\r\n".getBytes());
                    out.flush();
                    c.getInputStream().read();
                } catch (Exception ignored) {
                    // the client leaves
                }
            });
            peer.setDaemon(true);
            peer.start();
            assertThatThrownBy(() -> AmiClient.connect(settings(s.getLocalPort(), "x"), e -> { }, null))
                    .satisfies(e -> assertThat(((AmiException) e).kind()).isEqualTo(AmiException.Kind.PROTOCOL))
                    .hasMessageContaining("SSH-2.0");
        }
    }

    @Test
    void aRefusedActionSaysWhatAsteriskSaid() throws Exception {
        AmiTranscript t = AmiTranscript.load("06-pause", "ami-raw.txt");
        try (AmiTranscriptServer server = new AmiTranscriptServer(t, false);
             AmiClient client = AmiClient.connect(settings(server.port(), "javatest-secret"), e -> { }, null)) {
            // the capture expects QueueAdd next; anything else is refused with an error response
            assertThatThrownBy(() -> client.require(AmiMessage.action("Redirect", "Channel", "PJSIP/1-0")))
                    .satisfies(e -> assertThat(((AmiException) e).kind()).isEqualTo(AmiException.Kind.REFUSED_ACTION))
                    .hasMessageContaining("Redirect").hasMessageContaining("Not the action of the capture");
        }
    }

    @Test
    void theSessionComesBackAfterAsteriskDropsTheConnection() throws Exception {
        AmiTranscript t = AmiTranscript.load("06-pause", "ami-raw.txt");
        try (AmiTranscriptServer server = new AmiTranscriptServer(t, false)) {
            CountDownLatch twice = new CountDownLatch(2);
            List<AmiException.Kind> failures = new CopyOnWriteArrayList<>();
            try (AmiSession session = new AmiSession(settings(server.port(), "javatest-secret"), e -> { },
                    new AmiSession.Listener() {
                        @Override
                        public void connected(AmiClient client) {
                            twice.countDown();
                        }

                        @Override
                        public void failed(AmiException why, Duration retryIn) {
                            failures.add(why.kind());
                        }
                    }, Duration.ofSeconds(2))) {
                session.start();
                waitFor(() -> server.accepted == 1 && session.client() != null);
                server.dropAll(); // Asterisk restarts
                assertThat(twice.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(failures).contains(AmiException.Kind.DISCONNECTED);
                assertThat(server.accepted).isEqualTo(2);
                waitFor(() -> session.client() != null);
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(20);
        }
    }
}
