package io.linia.customers.internal;

import io.linia.customers.TimelineEntry;
import io.linia.customers.TimelineSource;
import io.linia.platform.TenantId;
import io.linia.recordings.Recordings;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The calls on a card's timeline (CRM-3): every call whose external party
 * ({@code calls.customer_e164}, see {@link CallNumbers}) is one of the card's phones, with its
 * direction, queue, operator, times, outcome and stored recordings (played through
 * {@code /api/v1/recordings/{id}/audio}, which checks RECORDING_LISTEN and audits).
 */
@Component
class CallTimelineSource implements TimelineSource {

    static final String TYPE = "call";

    private final JdbcClient jdbc;
    private final Recordings recordings;

    CallTimelineSource(JdbcClient jdbc, Recordings recordings) {
        this.jdbc = jdbc;
        this.recordings = recordings;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<TimelineEntry> entries(TenantId tenant, Query q) {
        if (q.phones().isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("""
                select c.id, c.direction, c.caller, c.dialled, c.queue_id, aq.name as queue_name, c.agent_id,
                       u.full_name as agent_name, c.arrived_at, c.connected_at, c.ended_at, c.wait_ms, c.talk_ms, c.outcome,
                       c.ended_by, c.customer_e164, c.result_code, c.wrapup_comment
                  from calls c
                  left join acd_queues aq on aq.tenant_id = c.tenant_id and aq.id = c.queue_id
                  left join users u on u.tenant_id = c.tenant_id and u.id = c.agent_id
                 where c.tenant_id = ? and c.customer_e164 <> '' and c.customer_e164 = any(?)""");
        List<Object> params = new ArrayList<>(List.of(tenant.value(), q.phones().toArray(String[]::new)));
        switch (q.cursorCondition(TYPE)) {
            case ALL -> { }
            case AT_BEFORE -> {
                sql.append(" and c.arrived_at < ?");
                params.add(Timestamp.from(q.after().at()));
            }
            case AT_OR_BEFORE -> {
                sql.append(" and c.arrived_at <= ?");
                params.add(Timestamp.from(q.after().at()));
            }
            case AT_ID_BEFORE -> {
                sql.append(" and (c.arrived_at < ? or c.arrived_at = ? and c.id collate \"C\" < ?)");
                params.add(Timestamp.from(q.after().at()));
                params.add(Timestamp.from(q.after().at()));
                params.add(q.after().id());
            }
        }
        sql.append(" order by c.arrived_at desc, c.id collate \"C\" desc limit ?");
        params.add(q.limit());
        List<TimelineEntry> out = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> details = new ArrayList<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("direction", rs.getString("direction"));
            d.put("number", rs.getString("customer_e164"));
            d.put("caller", rs.getString("caller"));
            d.put("dialled", rs.getString("dialled"));
            d.put("queueId", rs.getObject("queue_id", UUID.class));
            d.put("queueName", rs.getString("queue_name"));
            d.put("agentId", rs.getObject("agent_id", UUID.class));
            d.put("agentName", rs.getString("agent_name"));
            d.put("arrivedAt", instant(rs.getTimestamp("arrived_at")));
            d.put("connectedAt", instant(rs.getTimestamp("connected_at")));
            d.put("endedAt", instant(rs.getTimestamp("ended_at")));
            d.put("waitMs", rs.getObject("wait_ms"));
            d.put("talkMs", rs.getObject("talk_ms"));
            d.put("outcome", rs.getString("outcome"));
            d.put("endedBy", rs.getString("ended_by"));
            d.put("resultCode", rs.getString("result_code"));
            d.put("wrapupComment", rs.getString("wrapup_comment"));
            String id = rs.getString("id");
            ids.add(id);
            details.add(d);
            out.add(new TimelineEntry(TYPE, id, rs.getTimestamp("arrived_at").toInstant(), d));
        });
        Map<String, List<UUID>> stored = recordings.storedFor(tenant, ids);
        for (int i = 0; i < out.size(); i++) {
            List<UUID> recs = stored.getOrDefault(ids.get(i), List.of());
            details.get(i).put("recordings", recs.stream().map(r -> Map.of("id", r,
                    "audio", "/api/v1/recordings/" + r + "/audio")).toList());
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
