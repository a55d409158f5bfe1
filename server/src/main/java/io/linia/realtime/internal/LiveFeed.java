package io.linia.realtime.internal;

import io.linia.acd.AgentStatusChanged;
import io.linia.acd.CallChanged;
import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import io.linia.platform.TenantId;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code /websocket} (RT-3..6): every frame, both ways, is {@code {"type","topic","data"}} with
 * type {@code SUBSCRIBE}, {@code UNSUBSCRIBE}, {@code ERROR} or {@code EVENT}. Topics:
 * {@code current_user_event} — the signed-in user's {@code call_action} (the newest call
 * record) and {@code on_user_status_changed}; {@code on_user_status_changed} — every user of
 * the tenant (needs STATUS_VIEW). Events never cross tenants. A bad frame or topic gets an
 * {@code ERROR} and the connection stays.
 *
 * <p>Each event becomes one JSON string, written to each receiver with the container's blocking
 * send straight from a fan-out thread: the cheapest way per frame (issue 3, docs/benchmarks.md: the
 * non-blocking send cost about 30 % more, as Tomcat hands each completion to another thread). A healthy
 * client's socket always has room, so such a write never waits; one that finds no room for the
 * send time limit (a client that stopped reading, with its buffers full) fails, and that client
 * is dropped: the others on its fan-out thread wait at most that long, once.
 */
@Component
public class LiveFeed extends TextWebSocketHandler {

    public static final String CURRENT_USER_EVENT = "current_user_event";
    public static final String USER_STATUS = "on_user_status_changed";
    public static final String CALL_ACTION = "call_action";
    /** Our own topic for the wallboard (RT-7): a fresh snapshot at most twice a second while things change. */
    public static final String WALLBOARD = "wallboard";

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final ObjectMapper json;
    private final io.linia.acd.Wallboard wallboard;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Set<TenantId> changed = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService flusher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "linia-wallboard");
                t.setDaemon(true);
                return t;
            });

    LiveFeed(ObjectMapper json, io.linia.acd.Wallboard wallboard,
             @Value("${linia.websocket.send-time-limit:2s}") java.time.Duration sendTimeLimit,
             @Value("${linia.websocket.fanout-threads:0}") int fanoutThreads) {
        this.json = json;
        this.wallboard = wallboard;
        this.sendTimeLimitMillis = sendTimeLimit.toMillis();
        this.shards = new Shard[fanoutThreads > 0 ? fanoutThreads : Math.max(2, Runtime.getRuntime().availableProcessors())];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(i);
        }
        flusher.scheduleWithFixedDelay(this::flushWallboards, 500, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** How long one frame may wait for room in a client's connection before the client is dropped. */
    private final long sendTimeLimitMillis;
    /** Closes dropped clients' connections, so that no fan-out thread waits for a close. */
    private final java.util.concurrent.ExecutorService closer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "linia-websocket-close");
        t.setDaemon(true);
        return t;
    });

    /**
     * Fan-out runs on these threads (one per core, at least two, unless
     * {@code linia.websocket.fanout-threads} says otherwise), so the tenant's ACD (which publishes
     * while it holds its lock) never waits for slow or many WebSocket clients. Each client belongs
     * to one shard and a shard delivers one event after the other, so every client sees events in
     * publishing order while the shards share the cores.
     */
    private final Shard[] shards;
    private final java.util.concurrent.atomic.AtomicInteger nextShard = new java.util.concurrent.atomic.AtomicInteger();

    /** One fan-out thread and the clients it serves, by tenant. */
    private static final class Shard {
        final java.util.concurrent.ExecutorService thread;
        final Map<TenantId, Set<Client>> clients = new ConcurrentHashMap<>();

        Shard(int n) {
            thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "linia-websocket-fanout-" + n);
                t.setDaemon(true);
                return t;
            });
        }

        Set<Client> of(TenantId tenant) {
            return clients.getOrDefault(tenant, Set.of());
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        flusher.shutdownNow();
        closer.shutdownNow();
        for (Shard shard : shards) {
            shard.thread.shutdownNow();
        }
    }

    /** Sends a snapshot to the wallboards of every tenant where something changed since the last time. */
    private void flushWallboards() {
        for (TenantId tenant : List.copyOf(changed)) {
            changed.remove(tenant);
            List<Client> watching = java.util.Arrays.stream(shards).flatMap(s -> s.of(tenant).stream())
                    .filter(c -> c.topics().contains(WALLBOARD)).toList();
            if (watching.isEmpty()) {
                continue;
            }
            try {
                Object snapshot = io.linia.platform.tenancy.TenantContext.as(tenant, () -> wallboard.snapshot(tenant));
                String frame = frame("EVENT", WALLBOARD, snapshot);
                watching.forEach(c -> send(c, frame));
            } catch (RuntimeException e) {
                log.warn("Wallboard snapshot of tenant {} failed: {}", tenant, e.getMessage());
            }
        }
    }

    /**
     * A connection; compared by identity, as its topics change while it sits in a shard's set.
     * Frames reach it from its fan-out thread, the wallboard's and the container's (answers to
     * its own frames), one at a time under its lock.
     */
    private static final class Client {
        private final WebSocketSession session;
        private final jakarta.websocket.RemoteEndpoint.Basic remote;
        private final CurrentUser user;
        private final Set<String> topics = ConcurrentHashMap.newKeySet();
        private final Shard shard;
        /** Under the client's lock: no more frames once a send failed. */
        private boolean dropped;

        Client(WebSocketSession session, jakarta.websocket.RemoteEndpoint.Basic remote, CurrentUser user, Shard shard) {
            this.session = session;
            this.remote = remote;
            this.user = user;
            this.shard = shard;
        }

        WebSocketSession session() {
            return session;
        }

        CurrentUser user() {
            return user;
        }

        Set<String> topics() {
            return topics;
        }

        Shard shard() {
            return shard;
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        CurrentUser user = userOf(session);
        if (user == null) {
            close(session);
            return;
        }
        jakarta.websocket.Session container = ((NativeWebSocketSession) session).getNativeSession(jakarta.websocket.Session.class);
        // Tomcat's limit for one blocking send of this session (its default is 20 s)
        container.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", sendTimeLimitMillis);
        Shard shard = shards[Math.floorMod(nextShard.getAndIncrement(), shards.length)];
        Client client = new Client(session, container.getBasicRemote(), user, shard);
        clients.put(session.getId(), client);
        shard.clients.computeIfAbsent(user.tenantId(), t -> ConcurrentHashMap.newKeySet()).add(client);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        forget(session);
    }

    private void forget(WebSocketSession session) {
        Client client = clients.remove(session.getId());
        if (client != null) {
            client.shard().of(client.user().tenantId()).remove(client);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Client client = clients.get(session.getId());
        if (client == null) {
            return;
        }
        JsonNode frame;
        try {
            frame = json.readTree(message.getPayload());
        } catch (RuntimeException e) {
            error(client, null, "malformed_frame", "A frame is JSON: {\"type\":…,\"topic\":…}");
            return;
        }
        String type = text(frame, "type");
        String topic = text(frame, "topic");
        if (!"SUBSCRIBE".equals(type) && !"UNSUBSCRIBE".equals(type)) {
            error(client, topic, "unknown_type", "A client sends SUBSCRIBE or UNSUBSCRIBE");
            return;
        }
        if (!CURRENT_USER_EVENT.equals(topic) && !USER_STATUS.equals(topic) && !WALLBOARD.equals(topic)) {
            error(client, topic, "unknown_topic", "Topics: current_user_event, on_user_status_changed, wallboard");
            return;
        }
        if (!CURRENT_USER_EVENT.equals(topic) && !client.user().can(Permission.STATUS_VIEW)
                && !client.user().can(Permission.MONITOR_ALL)) {
            error(client, topic, "forbidden", topic + " needs the STATUS_VIEW permission");
            return;
        }
        if ("SUBSCRIBE".equals(type)) {
            client.topics().add(topic);
        } else {
            client.topics().remove(topic);
        }
        send(client, type, topic, Map.of("ok", true));
        if ("SUBSCRIBE".equals(type) && WALLBOARD.equals(topic)) {
            changed.add(client.user().tenantId()); // the first picture comes with the next flush
        }
    }

    /** The data of an {@code on_user_status_changed} event (RT-5, RT-6), also used on Kafka (RT-8). */
    static Map<String, Object> statusData(AgentStatusChanged e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", e.userId());
        data.put("status", e.status());
        data.put("state", e.state());
        data.put("reason", e.reason());
        data.put("since", e.since().toEpochMilli());
        return data;
    }

    @EventListener
    void on(AgentStatusChanged e) {
        changed.add(e.tenant());
        Map<String, Object> data = statusData(e);
        // serialized once for every client; the frame for the user's own topic only when needed
        String status = frame("EVENT", USER_STATUS, data);
        for (Shard shard : shards) {
            shard.thread.execute(() -> {
                String own = null;
                for (Client c : shard.of(e.tenant())) {
                    if (c.topics().contains(USER_STATUS)) {
                        send(c, status);
                    }
                    if (c.topics().contains(CURRENT_USER_EVENT) && c.user().userId().equals(e.userId())) {
                        own = own != null ? own : frame("EVENT", CURRENT_USER_EVENT, Map.of("type", USER_STATUS, "data", data));
                        send(c, own);
                    }
                }
            });
        }
    }

    /** Queues the switch routes itself changed (an Asterisk followed over AMI): the wallboard refreshes. */
    @EventListener
    void on(io.linia.acd.QueueActivity e) {
        changed.add(e.tenant());
    }

    @EventListener
    void on(CallChanged e) {
        changed.add(e.tenant());
        for (Shard shard : shards) {
            shard.thread.execute(() -> {
                String action = null;
                for (Client c : shard.of(e.tenant())) {
                    if (c.topics().contains(CURRENT_USER_EVENT) && e.agents().contains(c.user().userId())) {
                        action = action != null ? action
                                : frame("EVENT", CURRENT_USER_EVENT, Map.of("type", CALL_ACTION, "data", e.call()));
                        send(c, action);
                    }
                }
            });
        }
    }

    /** How many clients are connected (for tests and metrics). */
    public int clients(TenantId tenant) {
        return java.util.Arrays.stream(shards).mapToInt(s -> s.of(tenant).size()).sum();
    }

    private void error(Client client, String topic, String code, String message) {
        send(client, "ERROR", topic, Map.of("code", code, "message", message));
    }

    private void send(Client client, String type, String topic, Object data) {
        send(client, frame(type, topic, data));
    }

    private String frame(String type, String topic, Object data) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        frame.put("topic", topic);
        frame.put("data", data);
        return json.writeValueAsString(frame);
    }

    /**
     * Writes one frame; a write that failed or found no room for the send time limit drops the
     * client, whose connection is then closed on the closer thread.
     */
    private void send(Client client, String frame) {
        synchronized (client) {
            if (client.dropped) {
                return;
            }
            try {
                client.remote.sendText(frame);
                return;
            } catch (IOException | RuntimeException e) {
                client.dropped = true;
                log.debug("Dropping a WebSocket client of tenant {}: {}", client.user().tenantId(), e.toString());
            }
        }
        forget(client.session());
        closer.execute(() -> close(client.session()));
    }

    private static String text(JsonNode frame, String field) {
        JsonNode n = frame == null ? null : frame.get(field);
        return n == null || !n.isString() ? null : n.asString();
    }

    private static CurrentUser userOf(WebSocketSession session) {
        if (session.getPrincipal() instanceof org.springframework.security.core.Authentication auth
                && auth.getPrincipal() instanceof CurrentUser user) {
            return user;
        }
        return null;
    }

    private static void close(WebSocketSession session) {
        try {
            session.close(CloseStatus.POLICY_VIOLATION);
        } catch (IOException ignored) {
            // already gone
        }
    }
}
