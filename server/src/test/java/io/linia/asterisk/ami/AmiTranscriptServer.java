package io.linia.asterisk.ami;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An AMI peer on loopback that replays what a real Asterisk 22 said ({@link AmiTranscript}):
 * the banner, then each captured packet in order; where the capture has the client sending an
 * action, it waits for our client to send the same action and answers with the captured
 * response under our client's ActionID (AMI correlation). A login with other credentials
 * than the capture's is refused as Asterisk refuses it. Packets can be cut into random small
 * TCP writes ({@code chunked}), and a connection can be dropped after a given packet.
 */
final class AmiTranscriptServer implements AutoCloseable {

    private final AmiTranscript transcript;
    private final ServerSocket server;
    private final boolean chunked;
    /** Answer an action the capture has elsewhere with its captured answer, instead of refusing it. */
    volatile boolean lenient;
    /**
     * After the login, send every captured event that answers no action, in order, without
     * waiting for the capture's actions: an Asterisk whose calls and members someone else moves.
     */
    volatile boolean passive;
    private volatile int dropAfter = -1;
    /** Stop replaying after the packet with this index (the rest of the capture has not happened yet). */
    volatile int holdAfter = -1;
    /** Further captures whose answers serve actions this one lacks ({@link #lenient}). */
    final List<AmiTranscript> library = new CopyOnWriteArrayList<>();
    final List<AmiMessage> received = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    volatile int accepted;

    AmiTranscriptServer(AmiTranscript transcript, boolean chunked) throws IOException {
        this.transcript = transcript;
        this.chunked = chunked;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "ami-replay");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next connection is closed by the server right after the packet with this index is sent. */
    void dropAfter(int block) {
        this.dropAfter = block;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted++;
                connections.add(s);
                Thread t = new Thread(() -> replay(s), "ami-replay-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void replay(Socket socket) {
        int drop = dropAfter;
        dropAfter = -1;
        Random random = new Random(7);
        Map<String, String> ids = new HashMap<>();
        BlockingQueue<AmiMessage> in = new LinkedBlockingQueue<>();
        try (socket) {
            OutputStream out = socket.getOutputStream();
            InputStream stream = socket.getInputStream();
            Thread reader = new Thread(() -> {
                AmiDecoder decoder = new AmiDecoder(b -> { }, m -> {
                    received.add(m);
                    in.add(m);
                });
                try {
                    decoder.feed("Client\r\n".getBytes(), 0, 8); // the client sends no banner
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = stream.read(buf)) >= 0) {
                        decoder.feed(buf, 0, n);
                    }
                } catch (IOException | AmiException e) {
                    // the session ends
                }
            }, "ami-replay-reader");
            reader.setDaemon(true);
            reader.start();
            List<AmiTranscript.Block> blocks = transcript.blocks();
            for (int i = 0; i < blocks.size(); i++) {
                AmiTranscript.Block b = blocks.get(i);
                if (passive && b.sent() && !"Login".equalsIgnoreCase(b.field("Action"))) {
                    continue;
                }
                if (passive && !b.sent() && i > 0) {
                    String answers = b.field("ActionID");
                    boolean ours = answers != null && ids.containsKey(answers);
                    boolean event = b.field("Event") != null && answers == null;
                    if (!ours && !event) {
                        continue;
                    }
                }
                if (b.sent()) {
                    AmiMessage m = in.poll(10, TimeUnit.SECONDS);
                    if (m == null) {
                        return; // the client is done with this session
                    }
                    String action = b.field("Action");
                    while (lenient && !action.equalsIgnoreCase(m.get("Action")) && answerOutOfTurn(m, out, random)) {
                        m = in.poll(10, TimeUnit.SECONDS);
                        if (m == null) {
                            return;
                        }
                    }
                    if (!action.equalsIgnoreCase(m.get("Action"))) {
                        problems.add("expected Action " + action + " but got " + m);
                        write(out, ("Response: Error\r\nActionID: " + m.actionId()
                                + "\r\nMessage: Not the action of the capture\r\n\r\n").getBytes(), random);
                        return;
                    }
                    if (action.equalsIgnoreCase("Login") && !(b.field("Username").equals(m.get("Username"))
                            && b.field("Secret").equals(m.get("Secret")))) {
                        write(out, ("Response: Error\r\nActionID: " + m.actionId()
                                + "\r\nMessage: Authentication failed\r\n\r\n").getBytes(), random);
                        return; // Asterisk closes the connection after a refused login
                    }
                    if (b.field("ActionID") != null) {
                        ids.put(b.field("ActionID"), m.actionId());
                    }
                    continue;
                }
                String text = b.text();
                String captured = b.field("ActionID");
                if (captured != null && ids.containsKey(captured)) {
                    text = text.replace("ActionID: " + captured, "ActionID: " + ids.get(captured));
                }
                write(out, new AmiTranscript.Block(false, b.at(), text).wire(i == 0), random);
                if (i == drop) {
                    return;
                }
                if (i == holdAfter) {
                    break;
                }
            }
            // the capture is over (or held): answer what the client still asks until it leaves
            AmiMessage m;
            while ((m = in.poll(10, TimeUnit.SECONDS)) != null) {
                if (lenient && !answerOutOfTurn(m, out, random)) {
                    write(out, unknown(m), random);
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Answers an action out of the capture's turn: with the captured answer (response and list
     * events) of its first capture here or in the {@link #library}, else — for the two actions
     * no capture has — with the answer Asterisk's source gives on success ({@code Redirect}:
     * {@code astman_send_ack(…, "Redirect successful")} in main/manager.c; {@code MixMonitorMute}:
     * a bare {@code Response: Success} in apps/app_mixmonitor.c). False if none of these.
     */
    private boolean answerOutOfTurn(AmiMessage m, OutputStream out, Random random) throws IOException {
        List<AmiTranscript> captures = new java.util.ArrayList<>();
        captures.add(transcript);
        captures.addAll(library);
        for (AmiTranscript t : captures) {
            List<AmiTranscript.Block> blocks = t.blocks();
            for (int i = 0; i < blocks.size(); i++) {
                AmiTranscript.Block b = blocks.get(i);
                if (b.sent() && m.get("Action").equalsIgnoreCase(b.field("Action")) && b.field("ActionID") != null) {
                    String captured = b.field("ActionID");
                    for (int k = i + 1; k < blocks.size(); k++) {
                        AmiTranscript.Block r = blocks.get(k);
                        if (!r.sent() && captured.equals(r.field("ActionID"))) {
                            String text = r.text().replace("ActionID: " + captured, "ActionID: " + m.actionId());
                            write(out, new AmiTranscript.Block(false, r.at(), text).wire(false), random);
                        }
                    }
                    return true;
                }
            }
        }
        String answer = switch (m.get("Action").toLowerCase(java.util.Locale.ROOT)) {
            case "redirect" -> "Response: Success\r\nActionID: " + m.actionId() + "\r\nMessage: Redirect successful\r\n\r\n";
            case "mixmonitormute" -> "Response: Success\r\nActionID: " + m.actionId() + "\r\n\r\n";
            default -> null;
        };
        if (answer == null) {
            return false;
        }
        write(out, answer.getBytes(), random);
        return true;
    }

    /** What Asterisk answers to an action it does not have. */
    private static byte[] unknown(AmiMessage m) {
        return ("Response: Error\r\nActionID: " + m.actionId() + "\r\nMessage: Invalid/unknown command: "
                + m.get("Action") + ". Use Action: ListCommands to show available commands.\r\n\r\n").getBytes();
    }

    private void write(OutputStream out, byte[] bytes, Random random) throws IOException {
        if (!chunked) {
            out.write(bytes);
            out.flush();
            return;
        }
        int i = 0;
        while (i < bytes.length) {
            int n = Math.min(bytes.length - i, 1 + random.nextInt(7));
            out.write(bytes, i, n);
            out.flush();
            i += n;
        }
    }

    /** Ends every connection at once, as an Asterisk that stops. */
    void dropAll() throws IOException {
        for (Socket s : connections) {
            s.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropAll();
    }
}
