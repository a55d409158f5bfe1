package io.linia.acd;

import io.linia.platform.TenantId;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Finished calls from another system's history (TEL-4: an Asterisk queue_log), stored as the
 * ACD stores its own (ACD-10): the call's summary, its events and its legs, added to the report
 * rollups in the same transaction (REP-11), and agents' state intervals (ACD-3). A call whose id
 * is already stored is left as it is, so loading the same history twice changes nothing.
 * Rows go in with PostgreSQL's COPY: an import of millions of calls is bound by the disk, not
 * by round trips.
 */
@Service
public class CallHistory {

    /**
     * A finished call; {@code legs} in order, {@code events} in order of time. A call that never
     * entered a queue (a CDR of a direct or outbound call) has no legs and says in
     * {@code unqueued} who took it; it is stored in {@code calls} only, so the reports, which
     * count queue legs, do not see it.
     */
    public record Call(String id, String caller, String dialled, Instant arrivedAt, Instant endedAt, String outcome,
                       String endedBy, List<Leg> legs, List<Event> events, String direction, Unqueued unqueued) {

        public Call {
            if (!direction.equals("inbound") && !direction.equals("outbound")) {
                throw new IllegalArgumentException("direction is inbound or outbound: " + direction);
            }
            if (unqueued != null && !legs.isEmpty()) {
                throw new IllegalArgumentException("a call with queue legs takes its agent and times from them");
            }
        }

        /** An inbound call through queues (a queue_log, the ACD). */
        public Call(String id, String caller, String dialled, Instant arrivedAt, Instant endedAt, String outcome,
                    String endedBy, List<Leg> legs, List<Event> events) {
            this(id, caller, dialled, arrivedAt, endedAt, outcome, endedBy, legs, events, "inbound", null);
        }
    }

    /** A call without queue legs: the operator on it (or null), when it was answered, ring and talk time. */
    public record Unqueued(UUID agentId, Instant connectedAt, Long waitMs, Long talkMs) {
    }

    /**
     * A visit of the call to a queue, as in {@code call_legs}: {@code outcome} answered,
     * abandoned, timeout or overflow; {@code endedBy} caller, agent or transfer for answered legs.
     */
    public record Leg(UUID queueId, Instant enteredAt, int position, UUID agentId, String agentNumber,
                      Instant connectedAt, Instant endedAt, long waitMs, Long talkMs, String outcome, String endedBy,
                      int ringNoAnswer) {
    }

    /** One call event (ACD-10), {@code data} as the ACD writes it. */
    public record Event(Instant at, String type, UUID queueId, UUID agentId, Map<String, ?> data) {
    }

    /** A closed interval of an agent's state (ACD-3). */
    public record StateInterval(UUID userId, String state, String reason, Instant startedAt, Instant endedAt) {
    }

    /** What a load wrote: calls new to the store, calls it already had, state intervals new to it. */
    public record Loaded(int calls, int alreadyStored, int stateIntervals) {
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ObjectMapper json;

    CallHistory(JdbcClient jdbc, DataSource dataSource, ObjectMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Stores the calls not yet stored and the state intervals not yet stored (same agent, state
     * and start), all or nothing. Every leg's queue must be one of the tenant's queues.
     */
    @Transactional
    public Loaded load(TenantId tenant, List<Call> calls, List<StateInterval> states) {
        Map<UUID, Integer> serviceLevel = jdbc.sql("select id, service_level_seconds from acd_queues where tenant_id = ?")
                .param(tenant.value()).query(rs -> {
                    Map<UUID, Integer> m = new java.util.HashMap<>();
                    while (rs.next()) {
                        m.put(rs.getObject(1, UUID.class), rs.getInt(2));
                    }
                    return m;
                });
        int shortAbandon = jdbc.sql("select coalesce((select short_abandon_seconds from report_settings where tenant_id = ?), 5)")
                .param(tenant.value()).query(Integer.class).single();
        String t = tenant.value().toString();

        jdbc.sql("create temporary table if not exists history_ids (id varchar(64) primary key) on commit delete rows").update();
        jdbc.sql("truncate history_ids").update();
        Set<String> ids = new HashSet<>();
        StringBuilder rows = new StringBuilder();
        for (Call c : calls) {
            if (ids.add(c.id())) {
                row(rows, c.id());
            }
        }
        copy("copy history_ids (id) from stdin", rows);
        // the planner must know the batch is small next to the stored calls
        jdbc.sql("analyze history_ids").update();
        Set<String> stored = new HashSet<>(jdbc.sql("select h.id from history_ids h join calls c on c.tenant_id = ?"
                + " and c.id = h.id").param(tenant.value()).query(String.class).list());

        StringBuilder callRows = new StringBuilder();
        StringBuilder legRows = new StringBuilder();
        StringBuilder eventRows = new StringBuilder();
        int written = 0;
        Set<String> seen = new HashSet<>();
        for (Call c : calls) {
            if (stored.contains(c.id()) || !seen.add(c.id())) {
                continue;
            }
            written++;
            Leg summary = c.legs().stream().filter(l -> l.connectedAt() != null).findFirst()
                    .orElse(c.legs().isEmpty() ? null : c.legs().get(c.legs().size() - 1));
            Long talk = c.legs().stream().filter(l -> l.talkMs() != null).map(Leg::talkMs).reduce(Long::sum).orElse(null);
            if (c.unqueued() != null) {
                Unqueued u = c.unqueued();
                row(callRows, t, c.id(), c.direction(), c.caller(), c.dialled(), null, u.agentId(), c.arrivedAt(),
                        u.connectedAt(), c.endedAt(), u.waitMs(), u.talkMs(), c.outcome(), c.endedBy());
            } else {
                row(callRows, t, c.id(), c.direction(), c.caller(), c.dialled(),
                        summary == null ? null : summary.queueId(), summary == null ? null : summary.agentId(),
                        c.arrivedAt(), summary == null ? null : summary.connectedAt(), c.endedAt(),
                        summary == null ? null : summary.waitMs(), talk, c.outcome(), c.endedBy());
            }
            int n = 0;
            for (Leg l : c.legs()) {
                Integer sl = serviceLevel.get(l.queueId());
                if (sl == null) {
                    throw new io.linia.platform.NotFoundException("queue", l.queueId());
                }
                row(legRows, t, c.id(), ++n, l.queueId(), c.caller(), l.enteredAt(), l.position(), l.agentId(),
                        l.agentNumber(), l.connectedAt(), l.endedAt(), l.waitMs(), l.talkMs(), l.outcome(), l.endedBy(),
                        l.ringNoAnswer(), sl, shortAbandon);
            }
            for (Event e : c.events()) {
                row(eventRows, t, c.id(), e.at(), e.type(), e.queueId(), e.agentId(), json(e.data()));
            }
        }
        stage("calls", "tenant_id, id, direction, caller, dialled, queue_id, agent_id, arrived_at, connected_at,"
                + " ended_at, wait_ms, talk_ms, outcome, ended_by", callRows);
        stage("call_legs", "tenant_id, call_id, leg, queue_id, caller, entered_at, position, agent_id, agent_number,"
                + " connected_at, ended_at, wait_ms, talk_ms, outcome, ended_by, ring_no_answer, sl_seconds,"
                + " short_abandon_seconds", legRows);
        stage("call_events", "tenant_id, call_id, at, type, queue_id, agent_id, data", eventRows);
        for (String add : ReportFacts.addLegs("history_stage_call_legs")) {
            jdbc.sql(add).param(tenant.value()).update();
        }
        return new Loaded(written, stored.size(), states(tenant, states));
    }

    /**
     * Refreshes the planner's statistics of the tables a load writes. A long import grows them
     * faster than autovacuum notices; with statistics that still say "small", PostgreSQL scans
     * the whole table for every batch instead of probing its indexes. Call it after the first
     * batches of a large load and whenever the loaded rows have doubled (a few times in all).
     */
    public void analyze() {
        jdbc.sql("analyze calls, call_legs, agent_state_log").update();
    }

    private int states(TenantId tenant, List<StateInterval> states) {
        if (states.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                create temporary table if not exists history_states (user_id uuid, state varchar(16), reason varchar(64),
                    started_at timestamptz, ended_at timestamptz) on commit delete rows""").update();
        jdbc.sql("truncate history_states").update();
        StringBuilder rows = new StringBuilder();
        for (StateInterval s : states) {
            row(rows, s.userId(), s.state(), s.reason(), s.startedAt(), s.endedAt());
        }
        copy("copy history_states (user_id, state, reason, started_at, ended_at) from stdin", rows);
        jdbc.sql("analyze history_states").update();
        // a first load of these agents' hours has nothing to compare with: skip the probe per interval
        boolean overlaps = jdbc.sql("""
                select exists (select 1 from (select user_id, min(started_at) s, max(started_at) e from history_states
                                               group by user_id) b
                                 join lateral (select 1 from agent_state_log a where a.tenant_id = ? and a.user_id = b.user_id
                                                  and a.started_at between b.s and b.e limit 1) x on true)""")
                .param(tenant.value()).query(Boolean.class).single();
        return jdbc.sql("""
                insert into agent_state_log (tenant_id, user_id, state, reason, started_at, ended_at)
                select distinct on (user_id, started_at) ?, user_id, state, reason, started_at, ended_at
                  from history_states h
                 where ? or not exists (select 1 from agent_state_log a where a.tenant_id = ? and a.user_id = h.user_id
                                           and a.started_at = h.started_at and a.state = h.state)
                 order by user_id, started_at, ended_at desc""")
                .params(tenant.value(), !overlaps, tenant.value()).update();
    }

    /**
     * COPY is refused on tables with row-level security: rows go into a temporary table of the
     * same columns first, then into {@code table} with one INSERT (which the policies check).
     */
    private void stage(String table, String columns, StringBuilder rows) {
        String temp = "history_stage_" + table;
        jdbc.sql("create temporary table if not exists " + temp + " on commit delete rows as select " + columns
                + " from " + table + " with no data").update();
        jdbc.sql("truncate " + temp).update();
        if (rows.isEmpty()) {
            return;
        }
        copy("copy " + temp + " (" + columns + ") from stdin", rows);
        jdbc.sql("insert into " + table + " (" + columns + ") select " + columns + " from " + temp).update();
    }

    private void copy(String sql, StringBuilder rows) {
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY failed: " + sql, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Flat data (numbers, booleans, plain strings) written by hand: a load writes millions; the rest by Jackson. */
    private String json(Map<String, ?> data) {
        StringBuilder out = new StringBuilder(48).append('{');
        for (Map.Entry<String, ?> e : data.entrySet()) {
            Object v = e.getValue();
            boolean plain = v == null || v instanceof Number || v instanceof Boolean
                    || v instanceof String str && str.chars().allMatch(ch -> ch >= 0x20 && ch != '"' && ch != '\\');
            if (!plain || !e.getKey().chars().allMatch(Character::isLetterOrDigit)) {
                return json.writeValueAsString(data);
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(e.getKey()).append("\":");
            if (v instanceof String str) {
                out.append('"').append(str).append('"');
            } else {
                out.append(v);
            }
        }
        return out.append('}').toString();
    }

    /** One row of COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
            } else if (v instanceof Instant at) {
                out.append(at);
            } else {
                String s = v.toString();
                for (int k = 0; k < s.length(); k++) {
                    char ch = s.charAt(k);
                    switch (ch) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(ch);
                    }
                }
            }
        }
        out.append('\n');
    }
}
