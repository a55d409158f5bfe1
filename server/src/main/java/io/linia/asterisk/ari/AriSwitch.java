package io.linia.asterisk.ari;

import io.linia.platform.TenantId;
import io.linia.telephony.HangupSide;
import io.linia.telephony.TelephonyEvents;
import io.linia.telephony.TelephonyPort;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

    private enum Role { CALLER, AGENT, PHONE }

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
        /** The platform released or ended the call itself: its channels' ends are not reported. */
        volatile boolean released;
        /** Released for a callback: the caller's number is called again later. */
        volatile boolean awaitingCallback;
        volatile String callbackEndpoint;
        volatile boolean ended;
        /** The live recording of the bridge (its Asterisk name), if any. */
        volatile String recording;

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
     * settled as if their end had been seen; calls whose channels are still there go on.
     */
    public void connected(AriClient client) {
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
        for (String channel : Set.copyOf(channels.keySet())) {
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
        if (r.role() == Role.CALLER) {
            if (c.awaitingCallback) {
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
        calls.remove(c.id);
        String caller = c.callerChannel;
        if (caller != null && channels.remove(caller) != null) {
            quietly("DELETE", "/channels/" + AriClient.encode(caller), Map.of());
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
    }

    // ------------------------------------------------------------------ commands (TEL-1)

    @Override
    public void ringAgent(String callId, String endpoint) {
        Call c = calls.get(callId);
        if (c == null || c.ended) {
            return;
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
        String bridge = "linia-" + UUID.randomUUID();
        c.bridge = bridge;
        send("POST", "/bridges", Map.of("type", "mixing", "bridgeId", bridge, "name", "call-" + c.id));
        send("POST", "/bridges/" + AriClient.encode(bridge) + "/addChannel",
                Map.of("channel", c.callerChannel + "," + agent));
        if (options.record()) {
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
    public void queued(String callId) {
        Call c = calls.get(callId);
        if (c == null || c.ended || c.released || c.awaitingCallback) {
            return;
        }
        String was = c.connectedEndpoint;
        if (was != null) {
            // transferred back into a queue: the agent who had it leaves, the caller waits again
            c.connectedEndpoint = null;
            String agent = c.agents.remove(was);
            if (agent != null) {
                c.up.remove(agent);
                if (channels.remove(agent) != null) {
                    quietly("DELETE", "/channels/" + AriClient.encode(agent), Map.of());
                }
            }
            String bridge = c.bridge;
            if (bridge != null) {
                c.bridge = null;
                quietly("DELETE", "/bridges/" + AriClient.encode(bridge), Map.of());
            }
        }
        c.collecting = false;
        startMoh(c);
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
            quietly("POST", "/channels/" + AriClient.encode(c.callerChannel) + "/moh", Map.of());
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
