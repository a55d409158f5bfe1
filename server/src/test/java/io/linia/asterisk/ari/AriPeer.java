package io.linia.asterisk.ari;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An ARI peer for tests (TEL-2): Asterisk's HTTP server on one port — REST under {@code /ari}
 * with basic authentication and the event WebSocket {@code /ari/events?app=…} (RFC 6455
 * framing, unmasked server frames) — with a small model of channels, bridges and playbacks.
 * Every JSON it sends is built from the objects a real Asterisk 22.10.1 sent in
 * {@code fixtures/asterisk/10-ari/ari-transcript.txt}: {@code /asterisk/info} and
 * {@code /applications/…} verbatim, channels, playbacks, bridges and the event envelopes as
 * copies of the captured ones with only ids, names, states and numbers changed. Events the
 * capture has no example of ({@code ChannelDtmfReceived}) follow the ARI reference: the
 * envelope of the capture plus {@code digit} and {@code duration_ms}.
 *
 * <p>The test plays the outside world: a caller dials in ({@link #inbound}), a phone answers
 * ({@link #answer}), someone hangs up ({@link #hangup}), keys are pressed ({@link #dtmf}), the
 * event socket drops ({@link #dropSocket}).
 */
final class AriPeer implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    final String user;
    final String password;
    private final ServerSocket server;
    private final JsonNode info;
    private final JsonNode application;
    private final ObjectNode channelTemplate;
    private final ObjectNode playbackTemplate;
    private final ObjectNode bridgeTemplate;
    private final Map<String, ObjectNode> eventTemplates = new LinkedHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger(40);

    /** Every REST request: {@code METHOD /path?query} (decoded), in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Live channels by id. */
    final Map<String, ObjectNode> channels = new ConcurrentHashMap<>();
    /** Bridges by id: the channels in them. */
    final Map<String, List<String>> bridges = new ConcurrentHashMap<>();
    /** Channels with music on hold playing. */
    final java.util.Set<String> moh = ConcurrentHashMap.newKeySet();
    /** Originated channels by id: the endpoint and the application arguments. */
    final Map<String, String[]> originated = new ConcurrentHashMap<>();
    /** Snoop channels by id: the channel snooped on, {@code spy} and {@code whisper}. */
    final Map<String, String[]> snoops = new ConcurrentHashMap<>();
    /** Channels hearing a ringing indication ({@code POST /channels/{id}/ring}). */
    final java.util.Set<String> ringing = ConcurrentHashMap.newKeySet();
    /** Playbacks still playing (by id → channel); finished at once unless {@link #holdPlaybacks}. */
    final Map<String, String> playing = new ConcurrentHashMap<>();
    volatile boolean holdPlaybacks;
    /** Live recordings by name: the bridge recorded, and whether paused now. */
    final Map<String, String> liveRecordings = new ConcurrentHashMap<>();
    final java.util.Set<String> pausedRecordings = ConcurrentHashMap.newKeySet();
    /** Stored recordings by name: the WAV file Asterisk wrote. */
    final Map<String, byte[]> storedRecordings = new ConcurrentHashMap<>();
    private volatile String app;
    private volatile Socket events;
    private volatile OutputStream eventsOut;
    private final Object writeLock = new Object();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    AriPeer(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        Path transcript = Path.of("src/test/resources/fixtures/asterisk/10-ari/ari-transcript.txt");
        List<String> lines = Files.readAllLines(transcript);
        JsonNode info = null;
        JsonNode application = null;
        ObjectNode channel = null;
        ObjectNode playback = null;
        ObjectNode bridge = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("### REST GET /asterisk/info")) {
                info = JSON.readTree(lines.get(i + 2));
            } else if (line.startsWith("### REST GET /applications/")) {
                application = JSON.readTree(lines.get(i + 2));
            } else if (line.startsWith("### REST POST /channels?") && channel == null) {
                channel = (ObjectNode) JSON.readTree(lines.get(i + 2));
            } else if (line.startsWith("### REST POST /channels/") && line.contains("/play?") && playback == null) {
                playback = (ObjectNode) JSON.readTree(lines.get(i + 2));
            } else if (line.startsWith("### REST POST /bridges?") && bridge == null) {
                bridge = (ObjectNode) JSON.readTree(lines.get(i + 2));
            } else if (line.startsWith("### WS EVENT")) {
                ObjectNode e = (ObjectNode) JSON.readTree(lines.get(i + 1));
                eventTemplates.putIfAbsent(e.get("type").asString(), e);
            }
        }
        if (info == null || application == null || channel == null || playback == null || bridge == null) {
            throw new IllegalStateException("The ARI transcript lacks an object the peer is built from");
        }
        this.info = info;
        this.application = application;
        this.channelTemplate = channel;
        this.playbackTemplate = playback;
        this.bridgeTemplate = bridge;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "ari-peer");
        t.setDaemon(true);
        t.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Whether an event socket is open now. */
    boolean connected() {
        return eventsOut != null;
    }

    // ------------------------------------------------------------------ the outside world

    /** A caller dials {@code exten} from {@code number}: a trunk channel enters the application. */
    String inbound(String number, String exten) {
        String id = nextId();
        ObjectNode ch = channel(id, "PJSIP/trunk-" + String.format("%08x", sequence.get()), "Ring", number, exten);
        channels.put(id, ch);
        emit(event("StasisStart", ch).set("args", JSON.createArrayNode()));
        return id;
    }

    /** An agent's phone dials a service code into the application. */
    String phoneDials(String extension, String digits) {
        String id = nextId();
        ObjectNode ch = channel(id, "PJSIP/" + extension + "-" + String.format("%08x", sequence.get()), "Ring", extension,
                digits);
        channels.put(id, ch);
        emit(event("StasisStart", ch).set("args", JSON.createArrayNode()));
        return id;
    }

    /** The phone an originate went to picks up: the channel is Up and enters the application with its arguments. */
    void answer(String channelId) {
        ObjectNode ch = channels.get(channelId);
        String[] o = originated.get(channelId);
        ch.put("state", "Up");
        emit(event("ChannelStateChange", ch));
        ArrayNode args = JSON.createArrayNode();
        for (String a : o[1].split(",")) {
            args.add(a);
        }
        emit(event("StasisStart", ch).set("args", args));
    }

    /** The channel originated to {@code endpoint} (e.g. {@code PJSIP/1001}), if one is live. */
    String originatedTo(String endpoint) {
        return originated.entrySet().stream().filter(e -> e.getValue()[0].equals(endpoint) && channels.containsKey(e.getKey()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    void dtmf(String channelId, String digits) {
        for (char d : digits.toCharArray()) {
            ObjectNode e = event("ChannelDtmfReceived", channels.get(channelId));
            e.put("digit", String.valueOf(d));
            e.put("duration_ms", 120);
            emit(e);
        }
    }

    /** The far end of a channel hangs up (cause 16, Normal Clearing). */
    void hangup(String channelId) {
        destroy(channelId, 16, "Normal Clearing", false);
    }

    /** The far end hangs up while no event socket is open: the application hears nothing of it. */
    void hangupUnseen(String channelId) {
        channels.remove(channelId);
        bridges.values().forEach(b -> b.remove(channelId));
    }

    /** The event socket breaks (a network cut, an Asterisk restart); the client is to come back by itself. */
    void dropSocket() throws IOException {
        Socket s = events;
        eventsOut = null;
        events = null;
        if (s != null) {
            s.close();
        }
    }

    void finishPlaybacks() {
        for (Map.Entry<String, String> p : Map.copyOf(playing).entrySet()) {
            finishPlayback(p.getKey());
        }
    }

    /** Whether one bridge holds exactly these channels (in any order). */
    boolean bridged(String... members) {
        return bridges.values().stream().anyMatch(b -> b.size() == members.length && b.containsAll(List.of(members)));
    }

    /** The bridge a channel is in, or null. */
    String bridgeOf(String channel) {
        return bridges.entrySet().stream().filter(b -> b.getValue().contains(channel)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    /** The REST requests whose text starts with {@code prefix}. */
    List<String> requests(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).toList();
    }

    // ------------------------------------------------------------------ REST

    private record Response(int status, JsonNode body, byte[] file) {

        Response(int status, JsonNode body) {
            this(status, body, null);
        }
    }

    private Response handle(String method, String path, Map<String, String> q) {
        String[] p = path.substring("/ari".length()).split("/");
        // p[0] is "" (the path starts with /)
        String what = p.length > 1 ? p[1] : "";
        if (what.equals("recordings") && p.length >= 4) {
            return recordings(method, p, q);
        }
        switch (method + " " + what + (p.length > 2 ? "/*" : "") + (p.length > 3 ? "/" + p[3] : "")) {
            case "GET asterisk/*": return new Response(200, info);
            case "GET applications/*": {
                if (!p[2].equals(app)) {
                    return error(404, "Application not found");
                }
                ObjectNode a = (ObjectNode) application.deepCopy();
                a.put("name", app);
                return new Response(200, a);
            }
            case "GET channels": {
                ArrayNode list = JSON.createArrayNode();
                channels.values().forEach(list::add);
                return new Response(200, list);
            }
            case "POST channels": {
                String id = q.getOrDefault("channelId", nextId());
                String endpoint = q.get("endpoint");
                ObjectNode ch = channel(id, endpoint + "-" + String.format("%08x", sequence.get()), "Down",
                        q.getOrDefault("callerId", ""), endpoint.contains("/") ? endpoint.substring(endpoint.indexOf('/') + 1) : endpoint);
                channels.put(id, ch);
                originated.put(id, new String[] {endpoint, q.getOrDefault("appArgs", "")});
                return new Response(200, ch);
            }
            case "POST channels/*/answer": {
                ObjectNode ch = channels.get(p[2]);
                if (ch == null) {
                    return error(404, "Channel not found");
                }
                ch.put("state", "Up");
                after(() -> emit(event("ChannelStateChange", ch)));
                return new Response(204, null);
            }
            case "DELETE channels/*": {
                if (!channels.containsKey(p[2])) {
                    return error(404, "Channel not found");
                }
                String id = p[2];
                after(() -> destroy(id, 16, "Normal Clearing", true));
                return new Response(204, null);
            }
            case "POST channels/*/moh": {
                if (!channels.containsKey(p[2])) {
                    return error(404, "Channel not found");
                }
                moh.add(p[2]);
                return new Response(204, null);
            }
            case "DELETE channels/*/moh": {
                if (!channels.containsKey(p[2])) {
                    return error(404, "Channel not found");
                }
                moh.remove(p[2]);
                return new Response(204, null);
            }
            case "POST channels/*/ring", "DELETE channels/*/ring": {
                if (!channels.containsKey(p[2])) {
                    return error(404, "Channel not found");
                }
                if (method.equals("POST")) {
                    ringing.add(p[2]);
                } else {
                    ringing.remove(p[2]);
                }
                return new Response(204, null);
            }
            case "POST channels/*/snoop": {
                // a Snoop/ channel on the target, placed into the application at once (StasisStart with appArgs)
                ObjectNode target = channels.get(p[2]);
                if (target == null) {
                    return error(404, "Channel not found");
                }
                String spy = q.getOrDefault("spy", "none");
                String whisper = q.getOrDefault("whisper", "none");
                if (!List.of("none", "both", "out", "in").containsAll(List.of(spy, whisper)) || q.get("app") == null
                        || spy.equals("none") && whisper.equals("none")) {
                    return error(400, "Invalid parameters");
                }
                String id = q.getOrDefault("snoopId", nextId());
                ObjectNode ch = channel(id, "Snoop/" + p[2] + "-" + String.format("%08x", sequence.get()), "Up",
                        target.path("caller").path("number").asString(""), "");
                channels.put(id, ch);
                snoops.put(id, new String[] {p[2], spy, whisper});
                ArrayNode args = JSON.createArrayNode();
                for (String a : q.getOrDefault("appArgs", "").split(",")) {
                    args.add(a);
                }
                after(() -> emit(event("StasisStart", ch).set("args", args)));
                return new Response(200, ch);
            }
            case "POST channels/*/variable": return channels.containsKey(p[2]) ? new Response(204, null)
                    : error(404, "Channel not found");
            case "POST channels/*/continue": {
                ObjectNode ch = channels.get(p[2]);
                if (ch == null) {
                    return error(404, "Channel not found");
                }
                after(() -> emit(event("StasisEnd", ch)));
                return new Response(204, null);
            }
            case "POST channels/*/play": {
                ObjectNode ch = channels.get(p[2]);
                if (ch == null) {
                    return error(404, "Channel not found");
                }
                ObjectNode pb = playbackTemplate.deepCopy();
                String id = q.getOrDefault("playbackId", java.util.UUID.randomUUID().toString());
                pb.put("id", id);
                pb.put("media_uri", q.get("media"));
                pb.put("target_uri", "channel:" + p[2]);
                playing.put(id, p[2]);
                after(() -> {
                    ObjectNode started = event("PlaybackStarted", null);
                    ObjectNode now = pb.deepCopy();
                    now.put("state", "playing");
                    started.set("playback", now);
                    emit(started);
                    if (!holdPlaybacks) {
                        finishPlayback(id);
                    }
                });
                return new Response(201, pb);
            }
            case "DELETE playbacks/*": {
                if (!playing.containsKey(p[2])) {
                    return error(404, "Playback not found");
                }
                String id = p[2];
                after(() -> finishPlayback(id));
                return new Response(204, null);
            }
            case "POST bridges": {
                ObjectNode b = bridgeTemplate.deepCopy();
                String id = q.getOrDefault("bridgeId", java.util.UUID.randomUUID().toString());
                b.put("id", id);
                b.put("name", q.getOrDefault("name", ""));
                bridges.put(id, new CopyOnWriteArrayList<>());
                return new Response(200, b);
            }
            case "POST bridges/*/addChannel": {
                List<String> in = bridges.get(p[2]);
                if (in == null) {
                    return error(404, "Bridge not found");
                }
                for (String c : q.getOrDefault("channel", "").split(",")) {
                    if (!channels.containsKey(c)) {
                        return error(422, "Channel not found");
                    }
                }
                for (String c : q.get("channel").split(",")) {
                    // a channel in another bridge of the application departs it first (as Asterisk does)
                    for (Map.Entry<String, List<String>> other : bridges.entrySet()) {
                        if (!other.getKey().equals(p[2]) && other.getValue().remove(c)) {
                            after(() -> emit(left(other.getKey(), other.getValue(), c)));
                        }
                    }
                    in.add(c);
                    moh.remove(c);
                    ObjectNode e = event("ChannelEnteredBridge", channels.get(c));
                    ObjectNode b = bridgeTemplate.deepCopy();
                    b.put("id", p[2]);
                    ArrayNode members = JSON.createArrayNode();
                    in.forEach(members::add);
                    b.set("channels", members);
                    e.set("bridge", b);
                    after(() -> emit(e));
                }
                return new Response(204, null);
            }
            case "POST bridges/*/removeChannel": {
                List<String> in = bridges.get(p[2]);
                if (in == null) {
                    return error(404, "Bridge not found");
                }
                String c = q.getOrDefault("channel", "");
                if (!channels.containsKey(c)) {
                    return error(400, "Channel not found");
                }
                if (!in.remove(c)) {
                    return error(422, "Channel not in this bridge");
                }
                after(() -> emit(left(p[2], in, c)));
                return new Response(204, null);
            }
            case "DELETE bridges/*": {
                if (bridges.remove(p[2]) == null) {
                    return error(404, "Bridge not found");
                }
                String bridge = p[2];
                for (Map.Entry<String, String> r : Map.copyOf(liveRecordings).entrySet()) {
                    if (r.getValue().equals(bridge)) {
                        after(() -> finishRecording(r.getKey()));
                    }
                }
                return new Response(204, null);
            }
            case "POST bridges/*/record": {
                if (!bridges.containsKey(p[2])) {
                    return error(404, "Bridge not found");
                }
                String name = q.get("name");
                if (name == null || liveRecordings.containsKey(name) || storedRecordings.containsKey(name)
                        && "fail".equals(q.getOrDefault("ifExists", "fail"))) {
                    return error(409, "Recording with the same name already exists");
                }
                liveRecordings.put(name, p[2]);
                ObjectNode live = recording(name, q.getOrDefault("format", "wav"), p[2], "queued");
                after(() -> {
                    ObjectNode started = event("RecordingStarted", null);
                    started.set("recording", recording(name, live.get("format").asString(), p[2], "recording"));
                    emit(started);
                });
                return new Response(201, live);
            }
            default: return error(404, "Resource not found");
        }
    }

    /** {@code /recordings/live/{name}/pause}, {@code /recordings/stored/{name}[/file]}. */
    private Response recordings(String method, String[] p, Map<String, String> q) {
        String kind = p[2];
        String name = p[3];
        String rest = p.length > 4 ? p[4] : "";
        if (kind.equals("live") && rest.equals("pause")) {
            if (!liveRecordings.containsKey(name)) {
                return error(404, "Recording not found");
            }
            if (method.equals("POST")) {
                pausedRecordings.add(name);
            } else if (method.equals("DELETE")) {
                pausedRecordings.remove(name);
            } else {
                return error(405, "Method not allowed");
            }
            return new Response(204, null);
        }
        if (kind.equals("stored")) {
            byte[] file = storedRecordings.get(name);
            if (file == null) {
                return error(404, "Recording not found");
            }
            if (method.equals("GET") && rest.equals("file")) {
                return new Response(200, null, file);
            }
            if (method.equals("DELETE") && rest.isEmpty()) {
                storedRecordings.remove(name);
                return new Response(204, null);
            }
        }
        return error(404, "Resource not found");
    }

    /** The recorded bridge went away: the recording is done and stored as a WAV of the talk's length. */
    private void finishRecording(String name) {
        String bridge = liveRecordings.remove(name);
        if (bridge == null) {
            return;
        }
        pausedRecordings.remove(name);
        storedRecordings.put(name, wav(name));
        ObjectNode finished = event("RecordingFinished", null);
        ObjectNode r = recording(name, "wav", bridge, "done");
        r.put("duration", 160);
        finished.set("recording", r);
        emit(finished);
    }

    /** {@code ChannelLeftBridge} as the capture has it: the bridge with the members left. */
    private ObjectNode left(String bridge, List<String> members, String channel) {
        ObjectNode e = event("ChannelLeftBridge", channels.get(channel));
        ObjectNode b = bridgeTemplate.deepCopy();
        b.put("id", bridge);
        ArrayNode list = JSON.createArrayNode();
        members.forEach(list::add);
        b.set("channels", list);
        e.set("bridge", b);
        return e;
    }

    /** A LiveRecording as ARI describes it (the capture has none). */
    private static ObjectNode recording(String name, String format, String bridge, String state) {
        ObjectNode r = JSON.createObjectNode();
        r.put("name", name);
        r.put("format", format);
        r.put("target_uri", "bridge:" + bridge);
        r.put("state", state);
        return r;
    }

    /** 160 s of 8 kHz 16-bit mono PCM in a RIFF/WAVE file (2.5 MB: several encryption segments), unique per name. */
    static byte[] wav(String name) {
        int samples = 8000 * 160;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        java.util.Random random = new java.util.Random(name.hashCode());
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (Math.sin(i * 2 * Math.PI * 440 / 8000) * 8000 + random.nextInt(64)));
        }
        return b.array();
    }

    private static Response error(int status, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("message", message);
        return new Response(status, e);
    }

    private void finishPlayback(String id) {
        String channel = playing.remove(id);
        if (channel == null) {
            return;
        }
        ObjectNode finished = event("PlaybackFinished", null);
        ObjectNode pb = playbackTemplate.deepCopy();
        pb.put("id", id);
        pb.put("target_uri", "channel:" + channel);
        pb.put("state", "done");
        finished.set("playback", pb);
        emit(finished);
    }

    private void destroy(String id, int cause, String text, boolean requested) {
        ObjectNode ch = channels.remove(id);
        if (ch == null) {
            return;
        }
        moh.remove(id);
        ringing.remove(id);
        bridges.values().forEach(b -> b.remove(id));
        ObjectNode request = event("ChannelHangupRequest", ch);
        request.put("cause", cause);
        if (requested) {
            request.put("soft", true);
        }
        emit(request);
        emit(event("StasisEnd", ch));
        ObjectNode destroyed = event("ChannelDestroyed", ch);
        destroyed.put("cause", cause);
        destroyed.put("cause_txt", text);
        emit(destroyed);
        // a snoop channel ends with the channel it snooped on
        for (Map.Entry<String, String[]> snoop : Map.copyOf(snoops).entrySet()) {
            if (snoop.getValue()[0].equals(id)) {
                destroy(snoop.getKey(), 16, "Normal Clearing", false);
            }
        }
    }

    // ------------------------------------------------------------------ JSON from the capture

    private String nextId() {
        return "1795332473." + sequence.incrementAndGet();
    }

    private ObjectNode channel(String id, String name, String state, String number, String exten) {
        ObjectNode ch = channelTemplate.deepCopy();
        ch.put("id", id);
        ch.put("name", name);
        ch.put("state", state);
        ((ObjectNode) ch.get("caller")).put("number", number).put("name", "");
        ((ObjectNode) ch.get("connected")).put("number", number).put("name", "");
        ObjectNode dialplan = (ObjectNode) ch.get("dialplan");
        dialplan.put("context", "from-trunk");
        dialplan.put("exten", exten);
        dialplan.put("app_name", "Stasis");
        dialplan.put("app_data", app == null ? "" : app);
        ch.put("creationtime", TIME.format(Instant.now()));
        return ch;
    }

    private ObjectNode event(String type, ObjectNode channel) {
        ObjectNode template = eventTemplates.get(type);
        ObjectNode e = template != null ? template.deepCopy() : eventTemplates.get("StasisEnd").deepCopy();
        e.put("type", type);
        e.put("timestamp", TIME.format(Instant.now()));
        e.put("application", app);
        if (channel != null) {
            e.set("channel", channel.deepCopy());
        } else {
            e.remove("channel");
        }
        return e;
    }

    /** Runs after the current response was written (Asterisk answers a request before its events). */
    private final ThreadLocal<List<Runnable>> afterResponse = ThreadLocal.withInitial(ArrayList::new);

    private void after(Runnable r) {
        afterResponse.get().add(r);
    }

    private void emit(JsonNode event) {
        byte[] payload = JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            OutputStream out = eventsOut;
            if (out == null) {
                return;
            }
            try {
                ByteArrayOutputStream frame = new ByteArrayOutputStream();
                frame.write(0x81);
                if (payload.length < 126) {
                    frame.write(payload.length);
                } else if (payload.length < 65536) {
                    frame.write(126);
                    frame.write(payload.length >>> 8);
                    frame.write(payload.length & 0xff);
                } else {
                    frame.write(127);
                    for (int i = 7; i >= 0; i--) {
                        frame.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
                    }
                }
                frame.write(payload);
                out.write(frame.toByteArray());
                out.flush();
            } catch (IOException e) {
                eventsOut = null;
            }
        }
    }

    // ------------------------------------------------------------------ HTTP/1.1 and WebSocket

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "ari-peer-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), h.substring(colon + 1).trim());
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                in.readNBytes(length);
                String[] parts = requestLine.split(" ");
                String method = parts[0];
                String target = parts[1];
                String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
                Map<String, String> query = query(target.contains("?") ? target.substring(target.indexOf('?') + 1) : "");
                String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8));
                boolean authorized = expected.equals(headers.get("authorization"));
                if ("websocket".equalsIgnoreCase(headers.get("upgrade"))) {
                    if (!authorized) {
                        write(out, 401, error(401, "Authentication required").body());
                        return;
                    }
                    app = query.get("app");
                    String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                            (headers.get("sec-websocket-key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                                    .getBytes(StandardCharsets.US_ASCII)));
                    // the socket is registered before the client can see the 101: an event the test emits as soon
                    // as the client reports itself connected must go out, not be dropped (Asterisk sends every
                    // event raised after the handshake)
                    synchronized (writeLock) {
                        events = s;
                        eventsOut = out;
                        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    readFrames(in, out);
                    return;
                }
                Response r;
                if (!authorized) {
                    r = error(401, "Authentication required");
                } else {
                    requests.add(method + " " + path.substring("/ari".length())
                            + (query.isEmpty() ? "" : "?" + String.join("&", query.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).toList())));
                    try {
                        r = handle(method, path, query);
                    } catch (RuntimeException e) {
                        r = error(500, String.valueOf(e));
                    }
                }
                if (r.file() != null) {
                    out.write(("HTTP/1.1 200 OK\r\nServer: Asterisk/22.10.1\r\nContent-Type: audio/wav\r\nContent-Length: "
                            + r.file().length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(r.file());
                    out.flush();
                } else {
                    write(out, r.status(), r.body());
                }
                List<Runnable> then = List.copyOf(afterResponse.get());
                afterResponse.get().clear();
                then.forEach(Runnable::run);
            }
        } catch (Exception e) {
            // the client went away
        }
    }

    private void readFrames(InputStream in, OutputStream out) throws IOException {
        while (true) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                return;
            }
            long len = b1 & 0x7f;
            if (len == 126) {
                len = (in.read() << 8) | in.read();
            } else if (len == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = (len << 8) | in.read();
                }
            }
            byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
            byte[] payload = in.readNBytes((int) len);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            int opcode = b0 & 0x0f;
            if (opcode == 8) {
                synchronized (writeLock) {
                    out.write(new byte[] {(byte) 0x88, 0});
                    out.flush();
                }
                eventsOut = null;
                return;
            }
            if (opcode == 9) {
                synchronized (writeLock) {
                    out.write(0x8a);
                    out.write(payload.length);
                    out.write(payload);
                    out.flush();
                }
            }
        }
    }

    private static void write(OutputStream out, int status, JsonNode body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        String reason = switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            default -> "Error";
        };
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
                .append("Server: Asterisk/22.10.1\r\n");
        if (status != 204) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new LinkedHashMap<>();
        if (q.isEmpty()) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = line.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
