package io.linia.acd;

import io.linia.acd.internal.AcdHost;
import io.linia.identity.TenantService;
import io.linia.platform.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Today's figures for the real-time contracts (RT-1, RT-2), "today" in the tenant's time
 * zone, from the stored call events and agent state intervals plus the live queues.
 */
@Service
public class CallStatistics {

    /** RT-1 figures for a user, a queue or the whole tenant. */
    public record Figures(long incoming, long inner, long missed, long outgoing, long queueSize, long talkSum,
                          long talkCount) {
    }

    private final JdbcClient jdbc;
    private final AcdHost host;
    private final QueueService queues;
    private final TenantService tenants;
    private final Clock clock;

    CallStatistics(JdbcClient jdbc, AcdHost host, QueueService queues, TenantService tenants, Clock clock) {
        this.jdbc = jdbc;
        this.host = host;
        this.queues = queues;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Midnight today in the tenant's zone. */
    public Instant startOfToday(TenantId tenant) {
        ZoneId zone = ZoneId.of(tenants.get(tenant).timeZone());
        return LocalDate.ofInstant(clock.instant(), zone).atStartOfDay(zone).toInstant();
    }

    /**
     * A user's day: answered inbound calls (those later transferred out included), calls that
     * rang out at them, talk time of inbound calls, calls waiting in their queues; {@code outgoing}
     * the calls to numbers they placed (outbound calls and consultations with a number),
     * {@code inner} the internal calls (consultations with an agent or a queue) they placed or took.
     */
    public Figures forUser(TenantId tenant, UUID userId) {
        Timestamp from = Timestamp.from(startOfToday(tenant));
        Map<String, Object> row = jdbc.sql("""
                select count(*) filter (where outcome in ('answered', 'transferred')) as incoming,
                       coalesce(sum(talk_ms) filter (where talk_ms is not null), 0) as talk_ms,
                       count(*) filter (where talk_ms is not null) as talk_count
                  from calls where tenant_id = ? and agent_id = ? and direction = 'inbound' and connected_at >= ?
                """).params(tenant.value(), userId, from).query().singleRow();
        Map<String, Object> placed = jdbc.sql("""
                select count(*) filter (where direction = 'outbound' and from_agent_id = ?) as outgoing,
                       count(*) filter (where direction = 'internal' and (from_agent_id = ? or agent_id = ?)) as inner
                  from calls where tenant_id = ? and direction in ('outbound', 'internal') and arrived_at >= ?
                   and (from_agent_id = ? or agent_id = ?)
                """).params(userId, userId, userId, tenant.value(), from, userId, userId).query().singleRow();
        row = new java.util.HashMap<>(row);
        row.putAll(placed);
        long missed = jdbc.sql("""
                select count(*) from call_events
                 where tenant_id = ? and agent_id = ? and type = 'ring_no_answer' and at >= ?
                """).params(tenant.value(), userId, from).query(Long.class).single();
        List<UUID> own = host.read(tenant, engine -> queues.list(tenant).stream()
                .filter(q -> engine.members(q.id().toString()).contains(userId.toString()))
                .map(QueueView::id).toList());
        return figures(row, missed, waiting(tenant, own));
    }

    /**
     * A queue's day: answered and not answered inbound calls, talk time, calls waiting now;
     * {@code inner} the consultations offered to it ({@code outgoing} is 0: calls to numbers
     * belong to no queue).
     */
    public Figures forQueue(TenantId tenant, UUID queueId) {
        queues.get(tenant, queueId);
        return forCalls(tenant, "and queue_id = ?", queueId, List.of(queueId));
    }

    public Figures forTenant(TenantId tenant) {
        return forCalls(tenant, "", null, queues.list(tenant).stream().map(QueueView::id).toList());
    }

    private Figures forCalls(TenantId tenant, String filter, UUID queueId, List<UUID> waitingIn) {
        Timestamp from = Timestamp.from(startOfToday(tenant));
        var sql = jdbc.sql("""
                select count(*) filter (where direction = 'inbound' and outcome in ('answered', 'transferred')) as incoming,
                       count(*) filter (where direction = 'inbound' and outcome in ('abandoned', 'overflow', 'unrouted'))
                           as missed,
                       coalesce(sum(talk_ms) filter (where direction = 'inbound' and talk_ms is not null), 0) as talk_ms,
                       count(*) filter (where direction = 'inbound' and talk_ms is not null) as talk_count,
                       count(*) filter (where direction = 'outbound') as outgoing,
                       count(*) filter (where direction = 'internal') as inner
                  from calls where tenant_id = ? and arrived_at >= ?
                """ + filter);
        Map<String, Object> row = (queueId == null ? sql.params(tenant.value(), from)
                : sql.params(tenant.value(), from, queueId)).query().singleRow();
        return figures(row, ((Number) row.get("missed")).longValue(), waiting(tenant, waitingIn));
    }

    private long waiting(TenantId tenant, List<UUID> queueIds) {
        return host.read(tenant, engine -> queueIds.stream()
                .mapToLong(q -> engine.hasQueue(q.toString()) ? engine.waiting(q.toString()).size() : 0).sum());
    }

    private static Figures figures(Map<String, Object> row, long missed, long queueSize) {
        return new Figures(((Number) row.get("incoming")).longValue(), count(row, "inner"), missed,
                count(row, "outgoing"), queueSize,
                ((Number) row.get("talk_ms")).longValue() / 1000, ((Number) row.get("talk_count")).longValue());
    }

    private static long count(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /**
     * RT-2: milliseconds today per status. The statuses are the user's: {@code free} (ready,
     * including the time spent ringing, talking, on hold and in wrap-up), {@code pause} and
     * {@code offline} (the rest of the day so far).
     */
    public Map<String, Long> statusTimes(TenantId tenant, UUID userId) {
        Instant from = startOfToday(tenant);
        Instant now = clock.instant();
        Map<String, Long> byState = new LinkedHashMap<>();
        jdbc.sql("""
                select state, sum(extract(epoch from (least(coalesce(ended_at, ?), ?) - greatest(started_at, ?))) * 1000)
                  from agent_state_log
                 where tenant_id = ? and user_id = ? and started_at < ? and coalesce(ended_at, ?) > ?
                 group by state
                """)
                .params(Timestamp.from(now), Timestamp.from(now), Timestamp.from(from), tenant.value(), userId,
                        Timestamp.from(now), Timestamp.from(now), Timestamp.from(from))
                .query((rs, i) -> byState.put(rs.getString(1), Math.round(rs.getDouble(2)))).list();
        long pause = byState.getOrDefault("PAUSED", 0L);
        long free = byState.entrySet().stream()
                .filter(e -> !e.getKey().equals("PAUSED") && !e.getKey().equals("OFFLINE"))
                .mapToLong(Map.Entry::getValue).sum();
        long elapsed = java.time.Duration.between(from, now).toMillis();
        Map<String, Long> result = new LinkedHashMap<>();
        result.put("free", free);
        result.put("offline", Math.max(0, elapsed - free - pause));
        result.put("pause", pause);
        return result;
    }
}
