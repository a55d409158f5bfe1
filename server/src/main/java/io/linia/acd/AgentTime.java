package io.linia.acd;

import io.linia.identity.TenantService;
import io.linia.identity.UserService;
import io.linia.platform.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Time accounted per agent, per queue, per day (ACD-2, ACD-3): milliseconds in each state,
 * and per queue the time logged in and the calls answered there, for one day in the tenant's
 * time zone (intervals crossing midnight are split at it; the current ones run to now).
 */
@Service
public class AgentTime {

    public record QueueTime(UUID queueId, String number, long loggedInMs, long answered) {
    }

    public record Day(UUID userId, LocalDate date, Map<String, Long> states, List<QueueTime> queues) {
    }

    private final JdbcClient jdbc;
    private final TenantService tenants;
    private final UserService users;
    private final Clock clock;

    AgentTime(JdbcClient jdbc, TenantService tenants, UserService users, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.users = users;
        this.clock = clock;
    }

    /** Today in the tenant's zone. */
    public LocalDate today(TenantId tenant) {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(tenants.get(tenant).timeZone()));
    }

    public Day day(TenantId tenant, UUID userId, LocalDate date) {
        users.get(tenant, userId);
        ZoneId zone = ZoneId.of(tenants.get(tenant).timeZone());
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        Timestamp f = Timestamp.from(from);
        Timestamp t = Timestamp.from(to.isAfter(now) ? now : to);
        Map<String, Long> states = new LinkedHashMap<>();
        jdbc.sql("""
                select state, sum(extract(epoch from (least(coalesce(ended_at, ?), ?) - greatest(started_at, ?))) * 1000)
                  from agent_state_log
                 where tenant_id = ? and user_id = ? and started_at < ? and coalesce(ended_at, ?) > ?
                 group by state order by state
                """).params(t, t, f, tenant.value(), userId, t, t, f)
                .query((rs, i) -> states.put(rs.getString(1), Math.max(0, Math.round(rs.getDouble(2))))).list();
        List<QueueTime> queues = new ArrayList<>(jdbc.sql("""
                select m.queue_id, q.number,
                       sum(extract(epoch from (least(coalesce(m.left_at, ?), ?) - greatest(m.joined_at, ?))) * 1000) as ms,
                       (select count(*) from calls c where c.tenant_id = m.tenant_id and c.agent_id = m.user_id
                           and c.queue_id = m.queue_id and c.direction = 'inbound'
                           and c.connected_at >= ? and c.connected_at < ?) as answered
                  from queue_membership_log m join acd_queues q on q.tenant_id = m.tenant_id and q.id = m.queue_id
                 where m.tenant_id = ? and m.user_id = ? and m.joined_at < ? and coalesce(m.left_at, ?) > ?
                 group by m.tenant_id, m.user_id, m.queue_id, q.number order by q.number
                """).params(t, t, f, f, Timestamp.from(to), tenant.value(), userId, t, t, f)
                .query((rs, i) -> new QueueTime(rs.getObject(1, UUID.class), rs.getString(2),
                        Math.max(0, Math.round(rs.getDouble(3))), rs.getLong(4))).list());
        return new Day(userId, date, states, queues);
    }
}
