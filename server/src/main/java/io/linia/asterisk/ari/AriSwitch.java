package io.linia.asterisk.ari;

import io.linia.platform.ConflictException;
import io.linia.platform.TenantId;
import io.linia.telephony.HangupSide;
import io.linia.telephony.MonitorMode;
import io.linia.telephony.TelephonyEvents;
import io.linia.telephony.TelephonyPort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One tenant's Asterisk behind the telephony port, platform-routed over ARI (TEL-1, TEL-2).
 * Every call that enters the Stasis application is Linia's: the caller's channel is answered
 * and offered to the ACD ({@code callOffered}, the call id is the channel's unique id), prompts
 * are played and DTMF collected for the IVR, the caller waits with music on hold, the agent's
 * phone is called with an originate into the same application and, once it answers, both
 * channels are put into a mixing bridge. Who hung up is reported from the channel that went
 * first. A phone dialling a service code ({@code *45…}) into the application is an agent's
 * login or logout (ACD-2).
 *
 * <p>The agents' own calls (WS-3) are carried out too ({@link #callControl}): an outbound call
 * rings the agent's phone and then the number, both in the application, and bridges them; a
 * consultation takes the agent's phone out of the held caller's bridge into a new one with the
 * consulted agent or number, and gives it back when it ends; a transfer to a number calls the
 * number and bridges it with the caller; an attended transfer moves the caller into the
 * consultation's bridge and hangs the agent's phone up. A supervisor's phone (ACD-11) hears the
 * agent through a snoop channel (LISTEN, WHISPER) or joins the call's bridge (BARGE).
 *
 * <p>Events are handled on the session's single thread ({@link AriSession}); commands come from
 * the ACD's threads and only send requests, so nothing here calls back into the ACD from a
 * command. What the platform ended itself (a hang-up, a release, voicemail) is not reported
 * back, as with the simulated switch.
 */
public final class AriSwitch implements TelephonyPort {

    /**
     * How this Asterisk is dialled: {@code agentDial} with {@code {extension}} (e.g.
     * {@code PJSIP/{extension}}), {@code outboundDial} with {@code {number}} for callbacks (e.g.
     * {@code Local/{number}@from-internal}), the sound prefix of prompt names, the dialplan
     * context calls are sent to for voicemail, and how long an agent's phone rings at most.
     */
    public record Options(String app, String agentDial, String outboundDial, String promptPrefix, String voicemailContext,
                          int ringSeconds, boolean record) {
    }

    /**
     * Where the recordings of bridged calls go (TEL-6): told when one starts on Asterisk, is
     * paused or resumed (SEC-7), and is finished (the file is then fetched from Asterisk) or failed.
     */
    public interface Recorder {

        UUID started(String callId, String name);

        void paused(UUID id, boolean paused);

        void finished(UUID id, String name);

        void failed(UUID id, String why);
    }

    /** Records nothing. */
    public static final Recorder NO_RECORDER = new Recorder() {
        @Override
        public UUID started(String callId, String name) {
            return null;
        }

        @Override
        public void paused(UUID id, boolean paused) {
        }

        @Override
        public void finished(UUID id, String name) {
        }

        @Override
        public void failed(UUID id, String why) {
        }
    };

    private static final Logger log = LoggerFactory.getLogger(AriSwitch.class);

    /**
     * What a channel is to a call: the caller; an agent's phone; a phone in a service call; the
     * far end of an agent's call to a number or of a transfer out; a supervisor's phone; the snoop
     * channel a supervisor hears an agent through.
     */
    private enum Role { CALLER, AGENT, PHONE, FAR, MONITOR, SNOOP }

    /** Which way a call goes (docs/acd.md): a caller's, an agent's call to a number, or a consultation inside the platform. */
    private enum Kind { INBOUND, OUTBOUND, INTERNAL }

    /** A supervisor's phone on a call (ACD-11). */
    private static final class Monitor {
        final String endpoint;
        final String phone;
        volatile MonitorMode mode;
        /** The supervisor's phone picked up (entered the application). */
        volatile boolean up;
        /** The snoop channel on the agent's channel (LISTEN, WHISPER), and the bridge joining it with the phone. */
        volatile String snoop;
        volatile String bridge;

        Monitor(String endpoint, String phone, MonitorMode mode) {
            this.endpoint = endpoint;
            this.phone = phone;
            this.mode = mode;
        }
    }

    private record Ref(String callId, Role role, String endpoint) {
    }

    /** What the adapter knows of one call of the platform. */
    private static final class Call {
        final String id;
        final String caller;
        final String dialled;
        volatile String callerChannel;
        /** Agent channels by endpoint, while ringing and once answered. */
        final Map<String, String> agents = new ConcurrentHashMap<>();
        /** Agent channels that answered (entered the application). */
        final Set<String> up = ConcurrentHashMap.newKeySet();
        volatile String connectedEndpoint;
        volatile String bridge;
        volatile String playback;
        volatile boolean collecting;
        volatile boolean moh;
        /** The music-on-hold class of the queue the caller waits in (ACD-1); {@code null}: Asterisk's default. */
        volatile String mohClass;
        /** The announcement of place and expected wait playing now, if any (its playback id). */
        volatile String announcing;
        /** The platform released or ended the call itself: its channels' ends are not reported. */
        volatile boolean released;
        /** Released for a callback: the caller's number is called again later. */
        volatile boolean awaitingCallback;
        volatile String callbackEndpoint;
        volatile boolean ended;
        /** The live recording of the bridge (its Asterisk name), if any. */
        volatile String recording;
        volatile Kind kind = Kind.INBOUND;
        /** A consultation: the held call whose agent placed it. */
        volatile Call parent;
        /**
         * An agent's own call: the placing agent's phone channel — rung for the call, or, for a
         * consultation, borrowed from the held call (it goes back there when the leg ends).
         */
        volatile String phone;
        volatile boolean borrowed;
        /** The far end: the number an agent's call or a transfer out rings (entered the application once it answered). */
        volatile String far;
        volatile boolean farUp;
        /** Sent to a number (blind transfer, or an attended one to a number): Linia only closes what is left. */
        volatile boolean transferredOut;
        /** Supervisors on the call, by their endpoint (ACD-11). */
        final Map<String, Monitor> monitors = new ConcurrentHashMap<>();

        Call(String id, String caller, String dialled) {
            this.id = id;
            this.caller = caller;
            this.dialled = dialled;
        }
    }

    /** A phone in a service call (a login code), with the digits keyed so far. */
    private static final class Phone {
        final String channel;
        final StringBuilder digits = new StringBuilder();
        volatile boolean closing;

        Phone(String channel) {
            this.channel = channel;
        }
    }

    private final TenantId tenant;
    private final Options options;
    private final Consumer<Consumer<TelephonyEvents>> deliver;
    private volatile AriClient client;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Map<String, Ref> channels = new ConcurrentHashMap<>();
    private final Map<String, Phone> phones = new ConcurrentHashMap<>();
    private final Map<String, Runnable> afterPlayback = new ConcurrentHashMap<>();
    /** Live recordings by their Asterisk name: the recording's id in Linia. */
    private final Map<String, UUID> recordings = new ConcurrentHashMap<>();
    private final Recorder recorder;

    /** {@code deliver} hands an event to every listener of the platform (on the caller's thread). */
    public AriSwitch(TenantId tenant, Options options, Consumer<Consumer<TelephonyEvents>> deliver) {
        this(tenant, options, deliver, NO_RECORDER);
    }

    public AriSwitch(TenantId tenant, Options options, Consumer<Consumer<TelephonyEvents>> deliver, Recorder recorder) {
        this.tenant = tenant;
        this.options = options;
        this.deliver = deliver;
        this.recorder = recorder;
    }

    /** Calls the adapter follows now (for the settings page and tests). */
    public int activeCalls() {
        return (int) calls.values().stream().filter(c -> !c.ended).count();
    }

    /**
     * A (new) connection is up: channels that went away while the event socket was down are
     * settled as if their end had been seen; calls whose channels are still there go on. Only
     * the channels known before this connection are checked: one created after it (an agent who
     * dials the moment the connection is up) may be missing from the listing because its
     * originate was answered after the listing, and is no lost channel.
     */
    public void connected(AriClient client) {
        Set<String> known = Set.copyOf(channels.keySet());
        this.client = client;
        Set<String> live = new HashSet<>();
        try {
            JsonNode list = client.get("/channels");
            if (list != null) {
                list.forEach(ch -> live.add(ch.path("id").asString("")));
            }
        } catch (AriException e) {
            log.warn("Could not list the channels of tenant {} after connecting: {}", tenant.value(), e.getMessage());
            return;
        }
        for (String channel : known) {
            if (!live.contains(channel)) {
                gone(channel, "lost while disconnected");
            }
        }
    }

    public void disconnected() {
        this.client = null;
    }

    // ------------------------------------------------------------------ events

    /** Handles one event of the application (on the session's thread). */
    public void on(JsonNode e) {
        String type = e.path("type").asString("");
        switch (type) {
            case "StasisStart" -> stasisStart(e);
            case "ChannelDtmfReceived" -> dtmf(e.path("channel").path("id").asString(""), e.path("digit").asString(""));
            case "PlaybackFinished", "PlaybackFailed" -> {
                Runnable next = afterPlayback.remove(e.path("playback").path("id").asString(""));
                if (next != null) {
                    next.run();
                }
            }
            case "RecordingFinished" -> {
                String name = e.path("recording").path("name").asString("");
                UUID id = recordings.remove(name);
                if (id != null) {
                    recorder.finished(id, name);
                }
            }
            case "RecordingFailed" -> {
                String name = e.path("recording").path("name").asString("");
                UUID id = recordings.remove(name);
                if (id != null) {
                    recorder.failed(id, "Asterisk: " + e.path("recording").path("cause").asString("recording failed"));
                }
            }
            case "ChannelDestroyed" -> gone(e.path("channel").path("id").asString(""), e.path("cause_txt").asString("normal"));
            case "StasisEnd" -> {
                // a channel sent on to the dialplan (voicemail) leaves the application without being destroyed
                Ref r = channels.get(e.path("channel").path("id").asString(""));
                if (r != null && r.role() == Role.CALLER) {
                    Call c = calls.get(r.callId());
                    if (c != null && c.released) {
                        gone(e.path("channel").path("id").asString(""), "left the application");
                    }
                }
            }
            default -> {
                // ChannelStateChange, ChannelVarset, Dial, bridges …: nothing the platform needs
            }
        }
    }

    private void stasisStart(JsonNode e) {
        JsonNode ch = e.path("channel");
        String channel = ch.path("id").asString("");
        JsonNode args = e.path("args");
        String kind = args.size() > 0 ? args.get(0).asString("") : "";
        String exten = ch.path("dialplan").path("exten").asString("");
        switch (kind) {
            case "agent" -> {
                String callId = args.path(1).asString("");
                String endpoint = args.path(2).asString("");
                Call c = calls.get(callId);
                if (c == null || c.ended || c.released || !channel.equals(c.agents.get(endpoint))) {
                    quietly("DELETE", "/channels/" + AriClient.encode(channel), Map.of());
                    return;
                }
                c.up.add(channel);
                if (endpoint.equals(c.connectedEndpoint)) {
                    join(c, channel); // answered in the workstation already: the phone has caught up
                } else {
                    deliver.accept(l -> l.answered(tenant, callId, endpoint));
                }
            }
            case "dial" -> {
                // the agent picked up the phone an outbound call was placed from: now the number is called
                Call c = calls.get(args.path(1).asString(""));
                if (c == null || c.ended || c.released || !channel.equals(c.phone)) {
                    quietly("DELETE", "/channels/" + AriClient.encode(channel), Map.of());
                    return;
                }
                c.up.add(channel);
                dialFar(c);
            }
            case "far" -> {
                // the number answered: an agent's call connects, or a caller sent out reaches it
                Call c = calls.get(args.path(1).asString(""));
                if (c == null || c.ended || !channel.equals(c.far)) {
                    quietly("DELETE", "/channels/" + AriClient.encode(channel), Map.of());
                    return;
                }
                c.farUp = true;
                if (c.transferredOut) {
                    stopMoh(c);
                    mix(c, "call-" + c.id, c.callerChannel + "," + channel, false);
                    return;
                }
                quietly("DELETE", "/channels/" + AriClient.encode(c.phone) + "/ring", Map.of());
                deliver.accept(l -> l.answered(tenant, c.id, c.dialled));
                join(c, c.phone);
            }
            case "monitor" -> {
                Call c = calls.get(args.path(1).asString(""));
                Monitor m = c == null ? null : c.monitors.get(args.path(2).asString(""));
                if (m == null || c.ended || !channel.equals(m.phone)) {
                    quietly("DELETE", "/channels/" + AriClient.encode(channel), Map.of());
                    return;
                }
                synchronized (m) {
                    m.up = true;
                    enter(c, m);
                }
            }
            case "snoop" -> {
                Call c = calls.get(args.path(1).asString(""));
                Monitor m = c == null ? null : c.monitors.get(args.path(2).asString(""));
                if (m == null || c.ended || !channel.equals(m.snoop)) {
                    quietly("DELETE", "/channels/" + AriClient.encode(channel), Map.of());
                    return;
                }
                synchronized (m) {
                    if (m.bridge == null) {
                        m.bridge = "linia-" + UUID.randomUUID();
                        send("POST", "/bridges", Map.of("type", "mixing", "bridgeId", m.bridge, "name", "monitor-" + c.id));
                        send("POST", "/bridges/" + AriClient.encode(m.bridge) + "/addChannel",
                                Map.of("channel", m.phone + "," + channel));
                    } else {
                        send("POST", "/bridges/" + AriClient.encode(m.bridge) + "/addChannel", Map.of("channel", channel));
                    }
                }
            }
            case "callback" -> {
                String callId = args.path(1).asString("");
                Call c = calls.get(callId);
                if (c == null || c.ended || c.callbackEndpoint == null) {
                    quietly("DELETE", "/channels/" + AriClient.encode(channel), Map.of());
                    return;
                }
                c.callerChannel = channel;
                c.released = false;
                c.awaitingCallback = false;
                channels.put(channel, new Ref(callId, Role.CALLER, null));
                startMoh(c);
                originateAgent(c, c.callbackEndpoint);
            }
            default -> {
                if ("phone".equals(kind) || exten.startsWith("*")) {
                    String endpoint = endpointOf(ch);
                    quietly("POST", "/channels/" + AriClient.encode(channel) + "/answer", Map.of());
                    Phone old = phones.put(endpoint, new Phone(channel));
                    if (old != null) {
                        channels.remove(old.channel);
                        quietly("DELETE", "/channels/" + AriClient.encode(old.channel), Map.of());
                    }
                    channels.put(channel, new Ref(null, Role.PHONE, endpoint));
                    deliver.accept(l -> l.phoneDialled(tenant, endpoint, exten));
                    return;
                }
                String caller = ch.path("caller").path("number").asString("");
                String dialled = args.size() > 1 ? args.get(1).asString(exten) : exten;
                Call c = new Call(channel, caller, dialled);
                c.callerChannel = channel;
                calls.put(channel, c);
                channels.put(channel, new Ref(channel, Role.CALLER, null));
                quietly("POST", "/channels/" + AriClient.encode(channel) + "/answer", Map.of());
                deliver.accept(l -> l.callOffered(tenant, channel, caller, dialled));
            }
        }
    }

    private void dtmf(String channel, String digit) {
        Ref r = channels.get(channel);
        if (r == null || digit.isEmpty()) {
            return;
        }
        if (r.role() == Role.PHONE) {
            Phone p = phones.get(r.endpoint());
            if (p == null || p.closing) {
                return;
            }
            p.digits.append(digit);
            if (digit.equals("#")) {
                String keyed = p.digits.toString();
                p.digits.setLength(0);
                deliver.accept(l -> l.phoneDtmf(tenant, r.endpoint(), keyed));
            }
            return;
        }
        if (r.role() == Role.CALLER) {
            Call c = calls.get(r.callId());
            if (c == null || c.ended) {
                return;
            }
            if (c.collecting) {
                c.collecting = false;
                String playing = c.playback;
                if (playing != null) {
                    afterPlayback.remove(playing);
                    quietly("DELETE", "/playbacks/" + AriClient.encode(playing), Map.of());
                }
            }
            deliver.accept(l -> l.dtmf(tenant, c.id, digit));
        }
    }

    /** A channel has gone: who hung up decides what the platform hears. */
    private void gone(String channel, String cause) {
        Ref r = channels.remove(channel);
        if (r == null) {
            return;
        }
        if (r.role() == Role.PHONE) {
            phones.computeIfPresent(r.endpoint(), (k, p) -> p.channel.equals(channel) ? null : p);
            return;
        }
        Call c = calls.get(r.callId());
        if (c == null) {
            return;
        }
        if (r.role() == Role.MONITOR) {
            // the supervisor hung up: their snoop and bridge go too; the call goes on
            Monitor m = c.monitors.get(r.endpoint());
            if (m != null && channel.equals(m.phone)) {
                c.monitors.remove(r.endpoint(), m);
                dropMonitor(m);
            }
            return;
        }
        if (r.role() == Role.SNOOP) {
            Monitor m = c.monitors.get(r.endpoint());
            if (m != null && channel.equals(m.snoop)) {
                m.snoop = null;
            }
            return;
        }
        if (r.role() == Role.CALLER || r.role() == Role.FAR) {
            if (r.role() == Role.CALLER && c.awaitingCallback) {
                c.callerChannel = null; // released with the callback promise; the call goes on in the ACD
                return;
            }
            boolean report = !c.released && !c.ended;
            end(c);
            if (report) {
                deliver.accept(l -> l.hungUp(tenant, c.id, HangupSide.CALLER, cause));
            }
            return;
        }
        // an agent's channel
        c.agents.remove(r.endpoint(), channel);
        c.up.remove(channel);
        if (r.endpoint().equals(c.connectedEndpoint) && !c.ended && !c.released) {
            end(c);
            deliver.accept(l -> l.hungUp(tenant, c.id, HangupSide.AGENT, cause));
        }
        // an agent's phone that rang and went (declined, busy, timed out): the ACD's ring timer decides
    }

    /** Ends what is left of a call: every channel and the bridge, quietly. */
    private void end(Call c) {
        c.ended = true;
        calls.remove(c.id, c);
        for (Monitor m : c.monitors.values()) {
            dropMonitor(m);
        }
        c.monitors.clear();
        String caller = c.callerChannel;
        boolean borrowedCaller = c.borrowed && caller != null && caller.equals(c.phone);
        if (caller != null && !borrowedCaller && channels.remove(caller) != null) {
            quietly("DELETE", "/channels/" + AriClient.encode(caller), Map.of());
        }
        String far = c.far;
        if (far != null && !far.equals(caller) && channels.remove(far) != null) {
            quietly("DELETE", "/channels/" + AriClient.encode(far), Map.of());
        }
        for (String agent : c.agents.values()) {
            if (channels.remove(agent) != null) {
                quietly("DELETE", "/channels/" + AriClient.encode(agent), Map.of());
            }
        }
        c.agents.clear();
        String bridge = c.bridge;
        if (bridge != null) {
            c.bridge = null;
            quietly("DELETE", "/bridges/" + AriClient.encode(bridge), Map.of());
        }
        if (c.borrowed) {
            givePhoneBack(c);
        }
    }

    /** A consultation ended: the agent's phone goes back to the held caller's bridge (still on hold until resumed). */
    private void givePhoneBack(Call leg) {
        String x = leg.phone;
        Call held = leg.parent;
        if (x == null || held == null || held.ended || !channels.containsKey(x)) {
            return;
        }
        if (leg.moh) {
            leg.moh = false;
            quietly("DELETE", "/channels/" + AriClient.encode(x) + "/moh", Map.of());
        }
        if (leg.kind == Kind.OUTBOUND && !leg.farUp) {
            quietly("DELETE", "/channels/" + AriClient.encode(x) + "/ring", Map.of());
        }
        String bridge = held.bridge;
        if (bridge != null) {
            quietly("POST", "/bridges/" + AriClient.encode(bridge) + "/addChannel", Map.of("channel", x));
        }
    }

    // ------------------------------------------------------------------ commands (TEL-1)

    @Override
    public void ringAgent(String callId, String endpoint) {
        Call c = calls.get(callId);
        if (c == null || c.ended) {
            return;
        }
        String was = c.connectedEndpoint;
        if (was != null && c.kind != Kind.OUTBOUND && !was.equals(endpoint)) {
            // a blind transfer to an agent: the agent who had the call leaves, the caller waits with music
            dropAgent(c);
            startMoh(c);
        }
        originateAgent(c, endpoint);
    }

    private void originateAgent(Call c, String endpoint) {
        String channel = "linia-" + UUID.randomUUID();
        c.agents.put(endpoint, channel);
        channels.put(channel, new Ref(c.id, Role.AGENT, endpoint));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("endpoint", options.agentDial().replace("{extension}", endpoint));
        q.put("app", options.app());
        q.put("appArgs", "agent," + c.id + "," + endpoint);
        q.put("callerId", c.caller == null || c.caller.isEmpty() ? null : c.caller);
        q.put("timeout", String.valueOf(options.ringSeconds()));
        q.put("channelId", channel);
        if (!send("POST", "/channels", q)) {
            c.agents.remove(endpoint, channel);
            channels.remove(channel);
        }
    }

    @Override
    public void stopRinging(String callId, String endpoint) {
        Call c = calls.get(callId);
        if (c == null) {
            return;
        }
        String channel = c.agents.remove(endpoint);
        if (channel != null && channels.remove(channel) != null) {
            quietly("DELETE", "/channels/" + AriClient.encode(channel), Map.of());
        }
    }

    @Override
    public void bridge(String callId, String endpoint) {
        Call c = calls.get(callId);
        if (c == null || c.ended || c.callerChannel == null) {
            return;
        }
        String agent = c.agents.get(endpoint);
        if (agent == null) {
            return;
        }
        c.connectedEndpoint = endpoint;
        for (Map.Entry<String, String> other : Map.copyOf(c.agents).entrySet()) {
            if (!other.getKey().equals(endpoint)) {
                stopRinging(callId, other.getKey());
            }
        }
        if (c.up.contains(agent)) {
            join(c, agent);
        }
        // else: answered in the workstation while the phone still rings; bridged when it picks up
    }

    /** Puts the caller and the agent's answered channel into a mixing bridge. */
    private void join(Call c, String agent) {
        stopMoh(c);
        String announcing = c.announcing;
        if (announcing != null) { // an agent took the call while its place was being said
            c.announcing = null;
            afterPlayback.remove(announcing);
            quietly("DELETE", "/playbacks/" + AriClient.encode(announcing), Map.of());
        }
        mix(c, "call-" + c.id, c.callerChannel + "," + agent, options.record());
    }

    /** A new mixing bridge of the call with {@code members} (comma-separated channels), recorded if asked. */
    private void mix(Call c, String label, String members, boolean record) {
        String bridge = "linia-" + UUID.randomUUID();
        c.bridge = bridge;
        send("POST", "/bridges", Map.of("type", "mixing", "bridgeId", bridge, "name", label));
        send("POST", "/bridges/" + AriClient.encode(bridge) + "/addChannel", Map.of("channel", members));
        if (record) {
            String name = "linia-" + c.id.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> q = new LinkedHashMap<>();
            q.put("name", name);
            q.put("format", "wav");
            q.put("ifExists", "fail");
            q.put("beep", "false");
            q.put("terminateOn", "none");
            if (send("POST", "/bridges/" + AriClient.encode(bridge) + "/record", q)) {
                UUID id = recorder.started(c.id, name);
                if (id != null) {
                    recordings.put(name, id);
                    c.recording = name;
                }
            }
        }
    }

    @Override
    public void pauseRecording(String callId, boolean paused) {
        Call c = calls.get(callId);
        String name = c == null ? null : c.recording;
        UUID id = name == null ? null : recordings.get(name);
        if (id == null) {
            return;
        }
        if (send(paused ? "POST" : "DELETE", "/recordings/live/" + AriClient.encode(name) + "/pause", Map.of())) {
            recorder.paused(id, paused);
        }
    }

    @Override
    public void hangup(String callId) {
        Call c = calls.get(callId);
        if (c != null) {
            c.released = true;
            end(c);
        }
    }

    @Override
    public void hold(String callId, boolean on) {
        Call c = calls.get(callId);
        if (c == null || c.ended) {
            return;
        }
        if (on) {
            startMoh(c);
        } else {
            stopMoh(c);
        }
    }

    @Override
    public void playAndRelease(String callId, String prompt) {
        Call c = calls.get(callId);
        if (c == null || c.ended) {
            return;
        }
        c.released = true;
        stopMoh(c);
        String caller = c.callerChannel;
        play(c, prompt, () -> hangupChannel(caller));
    }

    @Override
    public void voicemail(String callId, String mailbox) {
        Call c = calls.get(callId);
        if (c == null || c.ended || c.callerChannel == null) {
            return;
        }
        c.released = true;
        stopMoh(c);
        send("POST", "/channels/" + AriClient.encode(c.callerChannel) + "/variable",
                Map.of("variable", "LINIA_QUEUE", "value", mailbox));
        send("POST", "/channels/" + AriClient.encode(c.callerChannel) + "/continue",
                Map.of("context", options.voicemailContext(), "extension", "s", "priority", "1"));
    }

    @Override
    public void releaseForCallback(String callId) {
        Call c = calls.get(callId);
        if (c == null || c.ended) {
            return;
        }
        c.awaitingCallback = true;
        stopMoh(c);
        String caller = c.callerChannel;
        play(c, "callback_promise", () -> hangupChannel(caller));
    }

    @Override
    public void callBack(String callId, String endpoint) {
        Call c = calls.get(callId);
        if (c == null || c.ended) {
            return;
        }
        c.callbackEndpoint = endpoint;
        if (c.callerChannel != null && !c.awaitingCallback) {
            originateAgent(c, endpoint); // the caller is still on the line: just ring the agent
            return;
        }
        String channel = "linia-" + UUID.randomUUID();
        channels.put(channel, new Ref(c.id, Role.CALLER, null));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("endpoint", options.outboundDial().replace("{number}", c.caller));
        q.put("app", options.app());
        q.put("appArgs", "callback," + c.id);
        q.put("callerId", c.dialled);
        q.put("timeout", String.valueOf(options.ringSeconds()));
        q.put("channelId", channel);
        if (!send("POST", "/channels", q)) {
            channels.remove(channel);
        }
    }

    @Override
    public void playAndCollect(String callId, String prompt) {
        Call c = calls.get(callId);
        if (c == null || c.ended) {
            return;
        }
        stopMoh(c);
        c.collecting = true;
        play(c, prompt, null);
    }

    @Override
    public void queued(String callId, String mohClass) {
        Call c = calls.get(callId);
        if (c == null || c.ended || c.released || c.awaitingCallback) {
            return;
        }
        if (c.connectedEndpoint != null) {
            dropAgent(c); // transferred back into a queue: the agent who had it leaves, the caller waits again
        }
        c.collecting = false;
        if (mohClass != null && !mohClass.equals(c.mohClass)) {
            stopMoh(c); // another queue's music (an overflow or a transfer)
            c.mohClass = mohClass;
        }
        startMoh(c);
    }

    /**
     * Tells the waiting caller their place and the expected wait with Asterisk's own queue sounds,
     * in one playback of several media ("You are next" / "There are" N "calls waiting"; "The
     * estimated hold time is" M "minutes"), then the music again.
     */
    @Override
    public void announce(String callId, Integer position, Integer expectedWaitMinutes) {
        Call c = calls.get(callId);
        if (c == null || c.ended || c.released || c.awaitingCallback || c.collecting || c.callerChannel == null
                || c.connectedEndpoint != null || c.announcing != null) {
            return;
        }
        List<String> media = announcement(position, expectedWaitMinutes);
        if (media.isEmpty()) {
            return;
        }
        stopMoh(c);
        String playback = "linia-" + UUID.randomUUID();
        c.announcing = playback;
        c.playback = playback;
        afterPlayback.put(playback, () -> {
            c.announcing = null;
            if (!c.ended && !c.released && !c.awaitingCallback && c.connectedEndpoint == null && !c.collecting) {
                startMoh(c);
            }
        });
        if (!send("POST", "/channels/" + AriClient.encode(c.callerChannel) + "/play",
                Map.of("media", String.join(",", media), "playbackId", playback))) {
            Runnable next = afterPlayback.remove(playback);
            if (next != null) {
                next.run();
            }
        }
    }

    /** The media of an announcement: Asterisk's standard queue sounds (app_queue's) and numbers. */
    static List<String> announcement(Integer position, Integer expectedWaitMinutes) {
        List<String> media = new ArrayList<>();
        if (position != null && position == 1) {
            media.add("sound:queue-youarenext");
        } else if (position != null && position > 1) {
            media.add("sound:queue-thereare");
            media.add("number:" + position);
            media.add("sound:queue-callswaiting");
        }
        if (expectedWaitMinutes != null && expectedWaitMinutes > 0) {
            media.add("sound:queue-holdtime");
            media.add("number:" + expectedWaitMinutes);
            media.add("sound:queue-minutes");
        }
        return media;
    }

    /**
     * The agent who had the call leaves it (a transfer): their channel is hung up without being
     * reported, and the call's bridge goes (the caller stays in the application).
     */
    private void dropAgent(Call c) {
        c.connectedEndpoint = null;
        for (String agent : c.agents.values()) {
            c.up.remove(agent);
            if (channels.remove(agent) != null) {
                quietly("DELETE", "/channels/" + AriClient.encode(agent), Map.of());
            }
        }
        c.agents.clear();
        for (Monitor m : c.monitors.values()) {
            dropMonitor(m); // the agent they listened to has gone
        }
        c.monitors.clear();
        String bridge = c.bridge;
        if (bridge != null) {
            c.bridge = null;
            quietly("DELETE", "/bridges/" + AriClient.encode(bridge), Map.of());
        }
    }

    // ------------------------------------------------------------------ agents' own calls (WS-3)

    @Override
    public boolean callControl() {
        return true;
    }

    /**
     * An outbound call: the agent's phone is rung first ({@code appArgs=dial,<call>,<endpoint>});
     * when it picks up the number is called ({@link #dialFar}). A consultation with a number
     * takes the agent's phone out of the held call's bridge instead and calls the number at once.
     */
    @Override
    public void dialOut(String callId, String endpoint, String number) {
        Call c = new Call(callId, endpoint, number);
        c.kind = Kind.OUTBOUND;
        Call held = heldCallOf(endpoint);
        if (held != null) {
            c.parent = held;
            c.borrowed = true;
            c.phone = agentChannel(held);
            calls.put(callId, c);
            quietly("POST", "/bridges/" + AriClient.encode(held.bridge) + "/removeChannel", Map.of("channel", c.phone));
            dialFar(c);
            return;
        }
        String phone = "linia-" + UUID.randomUUID();
        c.phone = phone;
        c.connectedEndpoint = endpoint;
        c.agents.put(endpoint, phone);
        calls.put(callId, c);
        channels.put(phone, new Ref(callId, Role.AGENT, endpoint));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("endpoint", options.agentDial().replace("{extension}", endpoint));
        q.put("app", options.app());
        q.put("appArgs", "dial," + callId + "," + endpoint);
        q.put("callerId", number);
        q.put("timeout", String.valueOf(options.ringSeconds()));
        q.put("channelId", phone);
        if (!send("POST", "/channels", q)) {
            failLater(c, "the agent's phone could not be called");
        }
    }

    /** Calls the number of an agent's call ({@code appArgs=far,<call>}); the agent hears ringing until it answers. */
    private void dialFar(Call c) {
        String far = "linia-" + UUID.randomUUID();
        c.far = far;
        c.callerChannel = far; // the far end is the call's other party: its hang-up is the CALLER side
        channels.put(far, new Ref(c.id, Role.FAR, null));
        quietly("POST", "/channels/" + AriClient.encode(c.phone) + "/ring", Map.of());
        if (!originateFar(c, far, c.dialled, c.caller)) {
            failLater(c, "the number could not be called");
        }
    }

    private boolean originateFar(Call c, String far, String number, String callerId) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("endpoint", options.outboundDial().replace("{number}", number));
        q.put("app", options.app());
        q.put("appArgs", "far," + c.id);
        q.put("callerId", callerId == null || callerId.isEmpty() ? null : callerId);
        q.put("timeout", String.valueOf(options.ringSeconds()));
        q.put("channelId", far);
        if (send("POST", "/channels", q)) {
            return true;
        }
        channels.remove(far);
        return false;
    }

    /** A command that could not be carried out ends the call; its end is reported later, off the command's thread. */
    private void failLater(Call c, String cause) {
        end(c);
        java.util.concurrent.CompletableFuture.runAsync(() ->
                deliver.accept(l -> l.hungUp(tenant, c.id, HangupSide.CALLER, cause)));
    }

    /**
     * A consultation with an agent or a queue: the agent's phone leaves the held caller's bridge
     * and waits with music, as a caller would, until {@link #bridge} joins it with the consulted
     * agent's phone.
     */
    @Override
    public void placeInternal(String callId, String endpoint) {
        Call c = new Call(callId, endpoint, null);
        c.kind = Kind.INTERNAL;
        Call held = heldCallOf(endpoint);
        calls.put(callId, c);
        if (held == null) {
            log.warn("Tenant {}: no call on the phone {} to consult from", tenant.value(), endpoint);
            failLater(c, "no call on the agent's phone");
            return;
        }
        c.parent = held;
        c.borrowed = true;
        c.phone = agentChannel(held);
        c.callerChannel = c.phone;
        quietly("POST", "/bridges/" + AriClient.encode(held.bridge) + "/removeChannel", Map.of("channel", c.phone));
        startMoh(c);
    }

    /**
     * Blind transfer to a number: the agent's channel is hung up, the caller hears music while
     * {@code ariOutboundDial} calls the number ({@code appArgs=far,<call>}, the caller's number as
     * caller id) and is bridged with it when it answers. The call has left the platform: when
     * either side hangs up (or the number is busy) the other is hung up, and nothing is reported.
     */
    @Override
    public void transferOut(String callId, String number) {
        Call c = calls.get(callId);
        if (c == null || c.ended || c.callerChannel == null) {
            return;
        }
        c.released = true;
        c.transferredOut = true;
        dropAgent(c);
        startMoh(c);
        String far = "linia-" + UUID.randomUUID();
        c.far = far;
        channels.put(far, new Ref(callId, Role.FAR, null));
        if (!originateFar(c, far, number, c.caller)) {
            end(c);
        }
    }

    /**
     * Attended transfer done: the held caller joins the bridge where the consulted party talks
     * with the agent, the agent's phone is hung up and the held call's old bridge goes. The
     * consulted party's channels are the call's from now on, so their hang-ups are reported
     * under {@code callId}.
     */
    @Override
    public void connect(String callId, String consultCallId) {
        Call c = calls.get(callId);
        Call leg = calls.get(consultCallId);
        if (c == null || leg == null || c.ended || leg.ended || leg.bridge == null || c.callerChannel == null) {
            return;
        }
        leg.ended = true;
        calls.remove(leg.id, leg);
        String x = leg.phone;
        if (x != null) {
            if (channels.remove(x) != null) {
                quietly("DELETE", "/channels/" + AriClient.encode(x), Map.of());
            }
            c.agents.values().remove(x);
            c.up.remove(x);
        }
        for (Monitor m : c.monitors.values()) {
            dropMonitor(m); // they listened to the agent who has left
        }
        c.monitors.clear();
        String old = c.bridge;
        c.bridge = leg.bridge;
        if (old != null) {
            quietly("DELETE", "/bridges/" + AriClient.encode(old), Map.of()); // its recording ends with it
        }
        stopMoh(c);
        send("POST", "/bridges/" + AriClient.encode(leg.bridge) + "/addChannel", Map.of("channel", c.callerChannel));
        if (leg.kind == Kind.INTERNAL) {
            c.connectedEndpoint = leg.connectedEndpoint;
            for (Map.Entry<String, String> a : leg.agents.entrySet()) {
                c.agents.put(a.getKey(), a.getValue());
                if (leg.up.contains(a.getValue())) {
                    c.up.add(a.getValue());
                }
                channels.put(a.getValue(), new Ref(c.id, Role.AGENT, a.getKey()));
            }
        } else {
            c.connectedEndpoint = null;
            c.transferredOut = true;
            c.far = leg.far;
            c.farUp = true;
            channels.put(leg.far, new Ref(c.id, Role.FAR, null));
        }
        c.recording = leg.recording;
    }

    /** The call an agent's phone is on now (bridged, answered): where a consultation starts from. */
    private Call heldCallOf(String endpoint) {
        for (Call c : calls.values()) {
            if (!c.ended && c.parent == null && endpoint.equals(c.connectedEndpoint) && agentChannel(c) != null) {
                return c;
            }
        }
        return null;
    }

    /** The agent's channel of a call in progress (picked up and bridged), or null. */
    private static String agentChannel(Call c) {
        if (c.bridge == null) {
            return null;
        }
        if (c.kind == Kind.OUTBOUND) {
            return c.phone;
        }
        String endpoint = c.connectedEndpoint;
        String channel = endpoint == null ? null : c.agents.get(endpoint);
        return channel != null && c.up.contains(channel) ? channel : null;
    }

    // ------------------------------------------------------------------ supervisors (ACD-11)

    /**
     * Rings the supervisor's phone ({@code appArgs=monitor,<call>,<endpoint>}); when it picks up
     * it is joined in the mode ({@link #enter}). Asked again, the mode changes on the phone that
     * is already there. 409 {@code not_connected} when no agent's phone talks on the call.
     */
    @Override
    public void monitor(String callId, String endpoint, MonitorMode mode) {
        Call c = calls.get(callId);
        if (c == null || c.ended || agentChannel(c) == null) {
            throw new ConflictException("not_connected", "callId", "Only a call an agent's phone talks on can be listened to");
        }
        Monitor m = c.monitors.get(endpoint);
        if (m != null) {
            synchronized (m) {
                MonitorMode was = m.mode;
                m.mode = mode;
                if (m.up && was != mode) {
                    leave(c, m, was);
                    enter(c, m);
                }
            }
            return;
        }
        m = new Monitor(endpoint, "linia-" + UUID.randomUUID(), mode);
        c.monitors.put(endpoint, m);
        channels.put(m.phone, new Ref(callId, Role.MONITOR, endpoint));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("endpoint", options.agentDial().replace("{extension}", endpoint));
        q.put("app", options.app());
        q.put("appArgs", "monitor," + callId + "," + endpoint);
        q.put("timeout", String.valueOf(options.ringSeconds()));
        q.put("channelId", m.phone);
        if (!send("POST", "/channels", q)) {
            c.monitors.remove(endpoint, m);
            channels.remove(m.phone);
            throw new ConflictException("switch_refused", "callId", "Asterisk did not call the supervisor's phone");
        }
    }

    @Override
    public void stopMonitor(String callId, String endpoint) {
        Call c = calls.get(callId);
        Monitor m = c == null ? null : c.monitors.remove(endpoint);
        if (m != null) {
            dropMonitor(m);
        }
    }

    /**
     * Joins an answered supervisor's phone in its mode: BARGE into the call's own bridge (both
     * sides hear them); LISTEN and WHISPER through a snoop channel on the agent's channel
     * ({@code spy=both}, and {@code whisper=out} so only the agent hears a whisper), bridged with
     * the phone when it enters the application.
     */
    private void enter(Call c, Monitor m) {
        String agent = agentChannel(c);
        if (agent == null) {
            return;
        }
        if (m.mode == MonitorMode.BARGE) {
            send("POST", "/bridges/" + AriClient.encode(c.bridge) + "/addChannel", Map.of("channel", m.phone));
            return;
        }
        String snoop = "linia-" + UUID.randomUUID();
        m.snoop = snoop;
        channels.put(snoop, new Ref(c.id, Role.SNOOP, m.endpoint));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("spy", "both");
        q.put("whisper", m.mode == MonitorMode.WHISPER ? "out" : "none");
        q.put("app", options.app());
        q.put("appArgs", "snoop," + c.id + "," + m.endpoint);
        q.put("snoopId", snoop);
        if (!send("POST", "/channels/" + AriClient.encode(agent) + "/snoop", q)) {
            channels.remove(snoop);
            m.snoop = null;
        }
    }

    /** Undoes the mode {@code was} before {@link #enter} applies the new one. */
    private void leave(Call c, Monitor m, MonitorMode was) {
        if (was == MonitorMode.BARGE) {
            String bridge = c.bridge;
            if (bridge != null) {
                quietly("POST", "/bridges/" + AriClient.encode(bridge) + "/removeChannel", Map.of("channel", m.phone));
            }
            return;
        }
        String snoop = m.snoop;
        m.snoop = null;
        if (snoop != null && channels.remove(snoop) != null) {
            quietly("DELETE", "/channels/" + AriClient.encode(snoop), Map.of());
        }
        if (m.mode == MonitorMode.BARGE && m.bridge != null) {
            quietly("DELETE", "/bridges/" + AriClient.encode(m.bridge), Map.of());
            m.bridge = null;
        }
    }

    /** The supervisor leaves: their phone, the snoop channel and their bridge are closed. */
    private void dropMonitor(Monitor m) {
        synchronized (m) {
            String snoop = m.snoop;
            m.snoop = null;
            if (snoop != null && channels.remove(snoop) != null) {
                quietly("DELETE", "/channels/" + AriClient.encode(snoop), Map.of());
            }
            if (channels.remove(m.phone) != null) {
                quietly("DELETE", "/channels/" + AriClient.encode(m.phone), Map.of());
            }
            String bridge = m.bridge;
            m.bridge = null;
            if (bridge != null) {
                quietly("DELETE", "/bridges/" + AriClient.encode(bridge), Map.of());
            }
        }
    }

    @Override
    public void promptPhone(String endpoint, String prompt, boolean hangUpAfter) {
        Phone p = phones.get(endpoint);
        if (p == null) {
            return;
        }
        p.closing = hangUpAfter;
        String playback = "linia-" + UUID.randomUUID();
        if (hangUpAfter) {
            afterPlayback.put(playback, () -> hangupChannel(p.channel));
        }
        if (!send("POST", "/channels/" + AriClient.encode(p.channel) + "/play",
                Map.of("media", media(prompt), "playbackId", playback)) && hangUpAfter) {
            afterPlayback.remove(playback);
            hangupChannel(p.channel);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void play(Call c, String prompt, Runnable after) {
        String playback = "linia-" + UUID.randomUUID();
        c.playback = playback;
        if (after != null) {
            afterPlayback.put(playback, after);
        }
        if (c.callerChannel == null || !send("POST", "/channels/" + AriClient.encode(c.callerChannel) + "/play",
                Map.of("media", media(prompt), "playbackId", playback))) {
            Runnable next = afterPlayback.remove(playback);
            if (next != null) {
                next.run();
            }
        }
    }

    private void hangupChannel(String channel) {
        if (channel != null) {
            quietly("DELETE", "/channels/" + AriClient.encode(channel), Map.of());
        }
    }

    private void startMoh(Call c) {
        if (!c.moh && c.callerChannel != null) {
            c.moh = true;
            String mohClass = c.mohClass;
            quietly("POST", "/channels/" + AriClient.encode(c.callerChannel) + "/moh",
                    mohClass == null ? Map.of() : Map.of("mohClass", mohClass));
        }
    }

    private void stopMoh(Call c) {
        if (c.moh && c.callerChannel != null) {
            c.moh = false;
            quietly("DELETE", "/channels/" + AriClient.encode(c.callerChannel) + "/moh", Map.of());
        }
    }

    /** A prompt name as Asterisk media: {@code sound:<prefix><name>} unless it names its media ({@code sound:…}, {@code recording:…}). */
    String media(String prompt) {
        return prompt.contains(":") ? prompt : "sound:" + options.promptPrefix() + prompt;
    }

    /** The phone's extension from its channel name: {@code PJSIP/1001-0000002a} → {@code 1001}, else the caller number. */
    static String endpointOf(JsonNode channel) {
        String name = channel.path("name").asString("");
        int slash = name.indexOf('/');
        int dash = name.lastIndexOf('-');
        if (slash >= 0 && dash > slash + 1 && !name.startsWith("Local/")) {
            return name.substring(slash + 1, dash);
        }
        return channel.path("caller").path("number").asString("");
    }

    /** Sends a request; a failure is logged (the call goes on as far as it can) and answered false. */
    private boolean send(String method, String path, Map<String, String> query) {
        AriClient c = client;
        if (c == null) {
            log.warn("ARI of tenant {} is not connected: {} {} not sent", tenant.value(), method, path);
            return false;
        }
        try {
            c.send(method, path, query);
            return true;
        } catch (AriException e) {
            log.warn("ARI of tenant {}: {}", tenant.value(), e.getMessage());
            return false;
        }
    }

    /** Sends a request whose failure means nothing (the channel is gone already, no music was on). */
    private void quietly(String method, String path, Map<String, String> query) {
        AriClient c = client;
        if (c == null) {
            return;
        }
        try {
            c.send(method, path, query);
        } catch (AriException e) {
            log.debug("ARI of tenant {}: {}", tenant.value(), e.getMessage());
        }
    }
}
