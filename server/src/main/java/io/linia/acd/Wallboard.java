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
 * The wallboard's picture of now (RT-7): per queue — waiting now, longest wait, agents by
 * state, answered and abandoned today, service level today, average wait and talk; per agent —
 * state, since when, current call.
 */
@Service
public class Wallboard {

    public record QueueTile(UUID id, String number, String name, int waiting, Long longestWaitSince, int free,
                            int busy, int paused, long answered, long abandoned, Double serviceLevel,
                            long averageWaitSeconds, long averageTalkSeconds, int serviceLevelSeconds) {
    }

    public record AgentRow(UUID userId, String name, String state, String reason, Long since, String callId,
                           List<String> queues) {
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

    Wallboard(AcdHost host, QueueService queues, CallStatistics statistics, UserService users, JdbcClient jdbc,
              java.time.Clock clock, List<ExternalQueues> external) {
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
                return external(tenant, all, today, picture.get());
            }
        }
        Map<UUID, Object[]> since = new LinkedHashMap<>();
        jdbc.sql("""
                select user_id, reason, started_at from agent_state_log where tenant_id = ? and ended_at is null
                """).param(tenant.value())
                .query((rs, i) -> since.put(rs.getObject(1, UUID.class),
                        new Object[] {rs.getString(2), rs.getTimestamp(3).toInstant()})).list();
        return host.read(tenant, engine -> {
            List<QueueTile> tiles = new ArrayList<>();
            Map<String, List<String>> agentQueues = new LinkedHashMap<>();
            for (QueueView q : all) {
                String qid = q.id().toString();
                if (!engine.hasQueue(qid)) {
                    continue;
                }
                int free = 0;
                int busy = 0;
                int paused = 0;
                for (String agent : engine.members(qid)) {
                    agentQueues.computeIfAbsent(agent, a -> new ArrayList<>()).add(q.number());
                    switch (engine.agentState(agent)) {
                        case FREE -> free++;
                        case PAUSED -> paused++;
                        case OFFLINE -> { }
                        default -> busy++;
                    }
                }
                tiles.add(tile(q, today, engine.waiting(qid).size(),
                        engine.longestWaitingSince(qid).map(Instant::toEpochMilli).orElse(null), free, busy, paused));
            }
            List<AgentRow> rows = new ArrayList<>();
            for (Map.Entry<String, List<String>> a : agentQueues.entrySet()) {
                UUID id = UUID.fromString(a.getKey());
                Object[] s = since.get(id);
                rows.add(new AgentRow(id, users.get(tenant, id).fullName(), engine.agentState(a.getKey()).name(),
                        s == null ? null : (String) s[0], s == null ? null : ((Instant) s[1]).toEpochMilli(),
                        engine.currentCall(a.getKey()).orElse(null), a.getValue()));
            }
            rows.sort(java.util.Comparator.comparing(AgentRow::name));
            return new Snapshot(clock.instant(), tiles, rows);
        });
    }

    /** The picture of queues the switch routes itself (an Asterisk followed over AMI). */
    private Snapshot external(TenantId tenant, List<QueueView> all, Map<UUID, Map<String, Object>> today,
                              ExternalQueues.Picture picture) {
        List<QueueTile> tiles = new ArrayList<>();
        Map<UUID, List<String>> agentQueues = new LinkedHashMap<>();
        for (QueueView q : all) {
            ExternalQueues.QueueNow now = picture.queues().get(q.id());
            int free = 0;
            int busy = 0;
            int paused = 0;
            for (UUID agent : now == null ? java.util.Set.<UUID>of() : now.members()) {
                agentQueues.computeIfAbsent(agent, a -> new ArrayList<>()).add(q.number());
                ExternalQueues.AgentNow a = picture.agents().get(agent);
                switch (a == null ? "OFFLINE" : a.state()) {
                    case "FREE" -> free++;
                    case "PAUSED" -> paused++;
                    case "OFFLINE" -> { }
                    default -> busy++;
                }
            }
            tiles.add(tile(q, today, now == null ? 0 : now.waiting(),
                    now == null || now.longestWaitingSince() == null ? null : now.longestWaitingSince().toEpochMilli(),
                    free, busy, paused));
        }
        List<AgentRow> rows = new ArrayList<>();
        agentQueues.forEach((id, in) -> {
            ExternalQueues.AgentNow a = picture.agents().get(id);
            rows.add(new AgentRow(id, users.get(tenant, id).fullName(), a == null ? "OFFLINE" : a.state(),
                    a == null ? null : a.reason(), a == null || a.since() == null ? null : a.since().toEpochMilli(),
                    a == null ? null : a.callId(), in));
        });
        rows.sort(java.util.Comparator.comparing(AgentRow::name));
        return new Snapshot(clock.instant(), tiles, rows);
    }

    private static QueueTile tile(QueueView q, Map<UUID, Map<String, Object>> today, int waiting, Long longestSince,
                                  int free, int busy, int paused) {
        Map<String, Object> t = today.getOrDefault(q.id(), Map.of("answered", 0L, "abandoned", 0L, "in_sl", 0L,
                "avg_wait", 0.0, "avg_talk", 0.0));
        long answered = (Long) t.get("answered");
        long abandoned = (Long) t.get("abandoned");
        // answered within the threshold ÷ answered (the tenant's formula comes with REP-10)
        Double sl = answered == 0 ? null : Math.round(1000.0 * (Long) t.get("in_sl") / answered) / 10.0;
        return new QueueTile(q.id(), q.number(), q.name(), waiting, longestSince, free, busy, paused, answered,
                abandoned, sl, Math.round((Double) t.get("avg_wait") / 1000), Math.round((Double) t.get("avg_talk") / 1000),
                q.serviceLevelSeconds());
    }
}
