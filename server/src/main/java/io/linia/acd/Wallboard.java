package io.linia.acd;

import io.linia.acd.internal.AcdHost;
import io.linia.identity.UserService;
import io.linia.platform.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The wallboard's picture of now (RT-7), also the supervisor's view (ACD-11): per queue —
 * waiting now, longest wait, agents by state (offline: in the queue today, logged out now), answered and abandoned today, service level
 * today, average wait and talk, and the thresholds that colour it; per agent (every holder of
 * CALLS_HANDLE, logged out ones too, and anyone else in a queue) — state, since when, queues,
 * current call with its caller and queue.
 */
@Service
public class Wallboard {

    public record QueueTile(UUID id, String number, String name, int waiting, Long longestWaitSince, int free,
                            int busy, int paused, int offline, long answered, long abandoned, Double serviceLevel,
                            long averageWaitSeconds, long averageTalkSeconds, int serviceLevelSeconds,
                            QueueThresholds.Thresholds thresholds) {
    }

    /**
     * An agent now. {@code queues} are the numbers of the queues they are logged in to,
     * {@code queueIds} the same queues' ids; {@code caller} and {@code callQueue} (number) belong
     * to {@code callId}, the call ringing at or connected to them.
     */
    public record AgentRow(UUID userId, String name, String state, String reason, Long since, String callId,
                           List<String> queues, List<UUID> queueIds, String caller, String callQueue) {
    }

    public record Snapshot(Instant at, List<QueueTile> queues, List<AgentRow> agents) {
    }

    private final AcdHost host;
    private final QueueService queues;
    private final CallStatistics statistics;
    private final UserService users;
    private final JdbcClient jdbc;
    private final java.time.Clock clock;
    private final List<ExternalQueues> external;
    private final QueueThresholds thresholds;

    Wallboard(AcdHost host, QueueService queues, CallStatistics statistics, UserService users, JdbcClient jdbc,
              java.time.Clock clock, List<ExternalQueues> external, QueueThresholds thresholds) {
        this.thresholds = thresholds;
        this.clock = clock;
        this.external = external;
        this.host = host;
        this.queues = queues;
        this.statistics = statistics;
        this.users = users;
        this.jdbc = jdbc;
    }

    public Snapshot snapshot(TenantId tenant) {
        Timestamp from = Timestamp.from(statistics.startOfToday(tenant));
        List<QueueView> all = queues.list(tenant);
        Map<UUID, QueueThresholds.Thresholds> limits = thresholds.all(tenant);
        Map<UUID, String> agents = users.holdersOf(tenant, io.linia.identity.Permission.CALLS_HANDLE);
        Map<UUID, Map<String, Object>> today = new LinkedHashMap<>();
        jdbc.sql("""
                select c.queue_id,
                       count(*) filter (where c.outcome = 'answered') as answered,
                       count(*) filter (where c.outcome = 'abandoned') as abandoned,
                       count(*) filter (where c.outcome = 'answered' and c.wait_ms <= q.service_level_seconds * 1000) as in_sl,
                       coalesce(avg(c.wait_ms) filter (where c.outcome = 'answered'), 0) as avg_wait,
                       coalesce(avg(c.talk_ms) filter (where c.talk_ms is not null), 0) as avg_talk
                  from calls c join acd_queues q on q.tenant_id = c.tenant_id and q.id = c.queue_id
                 where c.tenant_id = ? and c.arrived_at >= ? and c.queue_id is not null and c.direction = 'inbound'
                 group by c.queue_id
                """).params(tenant.value(), from)
                .query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("answered", rs.getLong("answered"));
                    m.put("abandoned", rs.getLong("abandoned"));
                    m.put("in_sl", rs.getLong("in_sl"));
                    m.put("avg_wait", rs.getDouble("avg_wait"));
                    m.put("avg_talk", rs.getDouble("avg_talk"));
                    today.put(rs.getObject("queue_id", UUID.class), m);
                    return m;
                }).list();
        for (ExternalQueues x : external) {
            java.util.Optional<ExternalQueues.Picture> picture = x.picture(tenant);
            if (picture.isPresent()) {
                return withCalls(tenant, external(tenant, all, today, picture.get(), limits, agents));
            }
        }
        Map<UUID, Object[]> since = new LinkedHashMap<>();
        jdbc.sql("""
                select user_id, reason, started_at from agent_state_log where tenant_id = ? and ended_at is null
                """).param(tenant.value())
                .query((rs, i) -> since.put(rs.getObject(1, UUID.class),
                        new Object[] {rs.getString(2), rs.getTimestamp(3).toInstant()})).list();
        // RT-7 "offline" of a queue: agents who were in it today and are logged out now (membership is a login, ACD-2)
        Map<String, java.util.Set<String>> todays = new java.util.HashMap<>();
        jdbc.sql("""
                select distinct queue_id, user_id from queue_membership_log
                 where tenant_id = ? and (left_at is null or left_at >= ?)
                """).params(tenant.value(), from)
                .query(rs -> {
                    todays.computeIfAbsent(rs.getString(1), k -> new java.util.HashSet<>()).add(rs.getString(2));
                });
        return withCalls(tenant, host.read(tenant, engine -> {
            List<QueueTile> tiles = new ArrayList<>();
            Map<String, List<QueueView>> agentQueues = new LinkedHashMap<>();
            agents.keySet().forEach(a -> agentQueues.put(a.toString(), new ArrayList<>()));
            for (QueueView q : all) {
                String qid = q.id().toString();
                if (!engine.hasQueue(qid)) {
                    continue;
                }
                int free = 0;
                int busy = 0;
                int paused = 0;
                int offline = 0;
                for (String agent : engine.members(qid)) {
                    agentQueues.computeIfAbsent(agent, a -> new ArrayList<>()).add(q);
                    switch (engine.agentState(agent)) {
                        case FREE -> free++;
                        case PAUSED -> paused++;
                        case OFFLINE -> offline++;
                        default -> busy++;
                    }
                }
                java.util.Set<String> now = engine.members(qid);
                for (String agent : todays.getOrDefault(qid, java.util.Set.of())) {
                    if (!now.contains(agent) && (!engine.hasAgent(agent)
                            || engine.agentState(agent) == io.linia.acd.engine.AgentState.OFFLINE)) {
                        offline++;
                    }
                }
                tiles.add(tile(q, today, engine.waiting(qid).size(),
                        engine.longestWaitingSince(qid).map(Instant::toEpochMilli).orElse(null), free, busy, paused,
                        offline, limits.get(q.id())));
            }
            List<AgentRow> rows = new ArrayList<>();
            for (Map.Entry<String, List<QueueView>> a : agentQueues.entrySet()) {
                UUID id = UUID.fromString(a.getKey());
                boolean known = engine.hasAgent(a.getKey());
                Object[] s = known ? since.get(id) : null;
                String callId = known ? engine.currentCall(a.getKey()).orElse(null) : null;
                rows.add(row(tenant, agents, id, known ? engine.agentState(a.getKey()).name() : "OFFLINE",
                        s == null ? null : (String) s[0], s == null ? null : ((Instant) s[1]).toEpochMilli(), callId,
                        a.getValue()));
            }
            rows.sort(java.util.Comparator.comparing(AgentRow::name));
            return new Snapshot(clock.instant(), tiles, rows);
        }));
    }

    /** The picture of queues the switch routes itself (an Asterisk followed over AMI). */
    private Snapshot external(TenantId tenant, List<QueueView> all, Map<UUID, Map<String, Object>> today,
                              ExternalQueues.Picture picture, Map<UUID, QueueThresholds.Thresholds> limits,
                              Map<UUID, String> agents) {
        List<QueueTile> tiles = new ArrayList<>();
        Map<UUID, List<QueueView>> agentQueues = new LinkedHashMap<>();
        agents.keySet().forEach(a -> agentQueues.put(a, new ArrayList<>()));
        for (QueueView q : all) {
            ExternalQueues.QueueNow now = picture.queues().get(q.id());
            int free = 0;
            int busy = 0;
            int paused = 0;
            int offline = 0;
            for (UUID agent : now == null ? java.util.Set.<UUID>of() : now.members()) {
                agentQueues.computeIfAbsent(agent, a -> new ArrayList<>()).add(q);
                ExternalQueues.AgentNow a = picture.agents().get(agent);
                switch (a == null ? "OFFLINE" : a.state()) {
                    case "FREE" -> free++;
                    case "PAUSED" -> paused++;
                    case "OFFLINE" -> offline++;
                    default -> busy++;
                }
            }
            tiles.add(tile(q, today, now == null ? 0 : now.waiting(),
                    now == null || now.longestWaitingSince() == null ? null : now.longestWaitingSince().toEpochMilli(),
                    free, busy, paused, offline, limits.get(q.id())));
        }
        List<AgentRow> rows = new ArrayList<>();
        agentQueues.forEach((id, in) -> {
            ExternalQueues.AgentNow a = picture.agents().get(id);
            rows.add(row(tenant, agents, id, a == null ? "OFFLINE" : a.state(), a == null ? null : a.reason(),
                    a == null || a.since() == null ? null : a.since().toEpochMilli(), a == null ? null : a.callId(), in));
        });
        rows.sort(java.util.Comparator.comparing(AgentRow::name));
        return new Snapshot(clock.instant(), tiles, rows);
    }

    private AgentRow row(TenantId tenant, Map<UUID, String> agents, UUID id, String state, String reason, Long since,
                         String callId, List<QueueView> in) {
        String name = agents.containsKey(id) ? agents.get(id) : users.get(tenant, id).fullName();
        return new AgentRow(id, name, state, reason, since, callId, in.stream().map(QueueView::number).toList(),
                in.stream().map(QueueView::id).toList(), null, null);
    }

    /** The agents' current calls with their caller and queue number (read after the engine's lock is let go). */
    private Snapshot withCalls(TenantId tenant, Snapshot s) {
        String[] ids = s.agents().stream().map(AgentRow::callId).filter(java.util.Objects::nonNull).toArray(String[]::new);
        if (ids.length == 0) {
            return s;
        }
        Map<String, String[]> calls = new java.util.HashMap<>();
        jdbc.sql("""
                select c.id, c.caller, q.number from calls c
                  left join acd_queues q on q.tenant_id = c.tenant_id and q.id = c.queue_id
                 where c.tenant_id = ? and c.id = any (?)
                """).params(tenant.value(), ids)
                .query(rs -> {
                    calls.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                });
        List<AgentRow> rows = s.agents().stream().map(a -> {
            String[] c = a.callId() == null ? null : calls.get(a.callId());
            return c == null ? a : new AgentRow(a.userId(), a.name(), a.state(), a.reason(), a.since(), a.callId(),
                    a.queues(), a.queueIds(), c[0], c[1]);
        }).toList();
        return new Snapshot(s.at(), s.queues(), rows);
    }

    private static QueueTile tile(QueueView q, Map<UUID, Map<String, Object>> today, int waiting, Long longestSince,
                                  int free, int busy, int paused, int offline, QueueThresholds.Thresholds limits) {
        Map<String, Object> t = today.getOrDefault(q.id(), Map.of("answered", 0L, "abandoned", 0L, "in_sl", 0L,
                "avg_wait", 0.0, "avg_talk", 0.0));
        long answered = (Long) t.get("answered");
        long abandoned = (Long) t.get("abandoned");
        // answered within the threshold ÷ answered (the tenant's formula comes with REP-10)
        Double sl = answered == 0 ? null : Math.round(1000.0 * (Long) t.get("in_sl") / answered) / 10.0;
        return new QueueTile(q.id(), q.number(), q.name(), waiting, longestSince, free, busy, paused, offline, answered,
                abandoned, sl, Math.round((Double) t.get("avg_wait") / 1000), Math.round((Double) t.get("avg_talk") / 1000),
                q.serviceLevelSeconds(), limits == null ? QueueThresholds.defaults(q.id()) : limits);
    }
}
