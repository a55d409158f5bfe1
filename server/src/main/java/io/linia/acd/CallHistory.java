package io.linia.acd;

import io.linia.platform.TenantId;
import io.linia.platform.db.CopyRows;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Rows go in with PostgreSQL's binary COPY (through temporary tables: row-level security refuses
 * COPY into the tables themselves), so an import of millions of calls is bound by the database
 * writing rows, indexes and foreign-key checks, not by round trips or text parsing.
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

    /**
     * Which of a call's events {@link #prepare} stores. A bulk import (TEL-4) stores
     * {@code NOT_IN_LEGS}: a queue call's steps whose every figure its leg holds are not stored
     * twice (see {@link #IN_LEGS}); the events that carry something more are.
     */
    public enum Events { ALL, NOT_IN_LEGS }

    /**
     * The events of a queue call that say nothing its legs do not: {@code enter_queue} (the
     * leg's {@code entered_at} and {@code position}), {@code connect} ({@code connected_at},
     * {@code wait_ms}), {@code complete_caller}/{@code complete_agent} ({@code ended_at},
     * {@code ended_by}, {@code talk_ms}) and {@code timeout} ({@code ended_at}, {@code wait_ms}).
     * Nothing reads them from {@code call_events} (the reports read legs and rollups; REP-8
     * reads {@code ring_no_answer}; the IVR path {@code ivr_end}); {@code ring_no_answer}
     * (ring time), {@code transfer} (to where), {@code abandon} (position at the end) and
     * {@code overflow} (why) carry more and are stored. A third of an import's rows (docs/asterisk.md).
     */
    public static final Set<String> IN_LEGS = Set.of("enter_queue", "connect", "complete_caller", "complete_agent",
            "timeout");

    /** A closed interval of an agent's state (ACD-3). */
    public record StateInterval(UUID userId, String state, String reason, Instant startedAt, Instant endedAt) {
    }

    /** What a load wrote: calls new to the store, calls it already had, state intervals new to it. */
    public record Loaded(int calls, int alreadyStored, int stateIntervals) {
    }

    /**
     * Calls and state intervals turned into COPY rows ({@link #prepare}), ready for {@link #load(TenantId, Batch)}.
     * Building the rows is the costly part on the Java side; an import does it on its reading
     * thread while the previous batch is being stored.
     */
    public static final class Batch {
        private final List<String> ids;
        private final CopyRows calls;
        private final CopyRows legs;
        private final CopyRows events;
        /** Where the legs and events of the call {@code ids.get(i)} end in {@link #legs}, {@link #events}. */
        private final int[] legEnds;
        private final int[] eventEnds;
        private final CopyRows states;

        /** Sized for queue calls of a leg or two and three or four events (a queue_log's), so the rows are rarely copied to grow. */
        private Batch(int calls, int states, Events events) {
            this.ids = new ArrayList<>(calls);
            this.calls = new CopyRows(calls * 192);
            this.legs = new CopyRows(calls * 256);
            this.events = new CopyRows(calls * (events == Events.ALL ? 384 : 64));
            this.legEnds = new int[calls];
            this.eventEnds = new int[calls];
            this.states = new CopyRows(states * 80);
        }

        /** Calls in the batch (a call id given twice counts once). */
        public int calls() {
            return ids.size();
        }
    }

    private static final String CALL_COLUMNS = "id, direction, caller, dialled, queue_id, agent_id, arrived_at,"
            + " connected_at, ended_at, wait_ms, talk_ms, outcome, ended_by, customer_e164";
    private static final String LEG_COLUMNS = "tenant_id, call_id, leg, queue_id, caller, entered_at, position,"
            + " agent_id, agent_number, connected_at, ended_at, wait_ms, talk_ms, outcome, ended_by, ring_no_answer,"
            + " sl_seconds, short_abandon_seconds";
    private static final String EVENT_COLUMNS = "call_id, at, type, queue_id, agent_id, data";
    private static final String STATE_COLUMNS = "user_id, state, reason, started_at, ended_at";

    private static final Logger log = LoggerFactory.getLogger(CallHistory.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ObjectMapper json;

    private final io.linia.customers.Customers customers;

    CallHistory(JdbcClient jdbc, DataSource dataSource, ObjectMapper json,
                io.linia.customers.Customers customers) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
        this.customers = customers;
    }

    /**
     * The stored summary of one call of the tenant (its state is not tracked here: {@code null}),
     * e.g. for a request registered from a call (CASE-1); empty when the tenant has no such call.
     */
    public java.util.Optional<CallRecord> call(TenantId tenant, String callId) {
        return jdbc.sql("""
                select id, direction, caller, dialled, queue_id, agent_id, arrived_at, connected_at, ended_at, wait_ms,
                       talk_ms, outcome, ended_by, from_agent_id, parent_call_id
                  from calls where tenant_id = ? and id = ?
                """).params(tenant.value(), callId)
                .query((rs, i) -> new CallRecord(rs.getString("id"), rs.getString("direction"), rs.getString("caller"),
                        rs.getString("dialled"), rs.getObject("queue_id", UUID.class), rs.getObject("agent_id", UUID.class),
                        null, rs.getTimestamp("arrived_at").toInstant(),
                        rs.getTimestamp("connected_at") == null ? null : rs.getTimestamp("connected_at").toInstant(),
                        rs.getTimestamp("ended_at") == null ? null : rs.getTimestamp("ended_at").toInstant(),
                        (Long) rs.getObject("wait_ms"), (Long) rs.getObject("talk_ms"), rs.getString("outcome"),
                        rs.getString("ended_by"), rs.getObject("from_agent_id", UUID.class),
                        rs.getString("parent_call_id")))
                .optional();
    }

    /**
     * Stores the calls not yet stored and the state intervals not yet stored (same agent, state
     * and start), all or nothing. Every leg's queue must be one of the tenant's queues.
     */
    @Transactional
    public Loaded load(TenantId tenant, List<Call> calls, List<StateInterval> states) {
        return load(tenant, prepare(tenant, calls, states));
    }

    /**
     * Turns calls and state intervals into the rows {@link #load(TenantId, Batch)} stores; of a
     * call id given twice, the first call counts. Reads the tenant's queues (each leg takes its
     * queue's service-level target, REP-10) and fails when a leg's queue is not one of them.
     */
    public Batch prepare(TenantId tenant, List<Call> calls, List<StateInterval> states) {
        return prepare(tenant, calls, states, Events.ALL);
    }

    /**
     * {@link #prepare(TenantId, List, List)} storing only {@code events} of the calls: a bulk
     * import passes {@link Events#NOT_IN_LEGS}.
     */
    public Batch prepare(TenantId tenant, List<Call> calls, List<StateInterval> states, Events events) {
        Map<UUID, Integer> serviceLevel = jdbc.sql("select id, service_level_seconds from acd_queues where tenant_id = ?")
                .param(tenant.value()).query(rs -> {
                    Map<UUID, Integer> m = new HashMap<>();
                    while (rs.next()) {
                        m.put(rs.getObject(1, UUID.class), rs.getInt(2));
                    }
                    return m;
                });
        int shortAbandon = jdbc.sql("select coalesce((select short_abandon_seconds from report_settings where tenant_id = ?), 5)")
                .param(tenant.value()).query(Integer.class).single();
        Batch b = new Batch(calls.size(), states.size(), events);
        // each call is stored with its outside party's number as customers match it (CRM-2), so
        // no later pass rewrites the imported rows; numbers repeat, so each is normalized once
        java.util.function.UnaryOperator<String> normalizer = customers.callNumbers(tenant);
        Map<String, String> normalized = new HashMap<>();
        java.util.function.UnaryOperator<String> e164 = n -> n == null ? "" : normalized.computeIfAbsent(n, normalizer);
        Set<String> seen = new HashSet<>();
        for (Call c : calls) {
            if (!seen.add(c.id())) {
                continue;
            }
            callRow(b.calls, c, e164.apply("outbound".equals(c.direction()) ? c.dialled() : c.caller()));
            int n = 0;
            for (Leg l : c.legs()) {
                Integer sl = serviceLevel.get(l.queueId());
                if (sl == null) {
                    throw new io.linia.platform.NotFoundException("queue", l.queueId());
                }
                b.legs.row(18).uuid(tenant.value()).text(c.id()).int2(++n).uuid(l.queueId()).text(c.caller())
                        .timestamp(l.enteredAt()).int4(l.position()).uuid(l.agentId()).text(l.agentNumber())
                        .timestamp(l.connectedAt()).timestamp(l.endedAt()).int8(l.waitMs()).int8(l.talkMs())
                        .text(l.outcome()).text(l.endedBy()).int2(l.ringNoAnswer()).int4(sl).int4(shortAbandon);
            }
            boolean legsTell = events == Events.NOT_IN_LEGS && !c.legs().isEmpty();
            for (Event e : c.events()) {
                if (legsTell && IN_LEGS.contains(e.type())) {
                    continue;
                }
                b.events.row(6).text(c.id()).timestamp(e.at()).text(e.type()).uuid(e.queueId()).uuid(e.agentId())
                        .jsonb(json(e.data()));
            }
            b.legEnds[b.ids.size()] = b.legs.mark();
            b.eventEnds[b.ids.size()] = b.events.mark();
            b.ids.add(c.id());
        }
        for (StateInterval s : states) {
            b.states.row(5).uuid(s.userId()).text(s.state()).text(s.reason()).timestamp(s.startedAt())
                    .timestamp(s.endedAt());
        }
        return b;
    }

    private static void callRow(CopyRows rows, Call c, String customerE164) {
        rows.row(14).text(c.id()).text(c.direction()).text(c.caller()).text(c.dialled());
        if (c.unqueued() != null) {
            Unqueued u = c.unqueued();
            rows.nul().uuid(u.agentId()).timestamp(c.arrivedAt()).timestamp(u.connectedAt()).timestamp(c.endedAt())
                    .int8(u.waitMs()).int8(u.talkMs());
        } else {
            // the first answered leg speaks for the call, else the last one
            Leg summary = c.legs().stream().filter(l -> l.connectedAt() != null).findFirst()
                    .orElse(c.legs().isEmpty() ? null : c.legs().get(c.legs().size() - 1));
            Long talk = null;
            for (Leg l : c.legs()) {
                if (l.talkMs() != null) {
                    talk = (talk == null ? 0 : talk) + l.talkMs();
                }
            }
            rows.uuid(summary == null ? null : summary.queueId()).uuid(summary == null ? null : summary.agentId())
                    .timestamp(c.arrivedAt()).timestamp(summary == null ? null : summary.connectedAt())
                    .timestamp(c.endedAt()).int8(summary == null ? null : summary.waitMs()).int8(talk);
        }
        rows.text(c.outcome()).text(c.endedBy()).text(customerE164);
    }

    /**
     * Stores a prepared batch, all or nothing: the calls whose id is not stored yet with their
     * legs and events, the state intervals not stored yet, and the new legs added to the
     * rollups. Which calls are new is decided by the insert itself ({@code on conflict do
     * nothing}), so the legs and events of stored calls are not even sent. The rollups come
     * last: they are the only rows batches stored side by side share (a day, a quarter-hour at
     * their border), and one waits there for the other to commit.
     */
    @Transactional
    public Loaded load(TenantId tenant, Batch b) {
        long[] at = {System.nanoTime(), 0, 0, 0, 0, 0};
        boolean newLegs = false;
        int added = 0;
        if (!b.ids.isEmpty()) {
            stage("history_stage_calls", "calls", CALL_COLUMNS, b.calls, null);
            List<String> inserted = jdbc.sql("insert into calls (tenant_id, " + CALL_COLUMNS + ") select ?, " + CALL_COLUMNS
                            + " from history_stage_calls order by id on conflict (tenant_id, id) do nothing returning id")
                    .param(tenant.value()).query(String.class).list();
            added = inserted.size();
            at[1] = System.nanoTime();
            if (added > 0) {
                int[] legRuns = null;
                int[] eventRuns = null;
                if (added < b.ids.size()) {
                    Set<String> fresh = new HashSet<>(inserted);
                    legRuns = runs(b, b.legEnds, fresh);
                    eventRuns = runs(b, b.eventEnds, fresh);
                }
                newLegs = stage("history_stage_call_legs", "call_legs", LEG_COLUMNS, b.legs, legRuns);
                if (newLegs) {
                    jdbc.sql("insert into call_legs (" + LEG_COLUMNS + ") select " + LEG_COLUMNS
                            + " from history_stage_call_legs").update();
                }
                at[2] = System.nanoTime();
                if (stage("history_stage_call_events", "call_events", EVENT_COLUMNS, b.events, eventRuns)) {
                    jdbc.sql("insert into call_events (tenant_id, " + EVENT_COLUMNS + ") select ?, " + EVENT_COLUMNS
                            + " from history_stage_call_events").param(tenant.value()).update();
                }
                at[3] = System.nanoTime();
            }
        }
        int intervals = states(tenant, b.states);
        at[4] = System.nanoTime();
        if (newLegs) {
            jdbc.sql(ReportFacts.batchScratch("history_leg_measures")).update();
            jdbc.sql("truncate history_leg_measures").update();
            for (String add : ReportFacts.addBatch("history_stage_call_legs", "history_leg_measures")) {
                jdbc.sql(add).param(tenant.value()).update();
            }
        }
        at[5] = System.nanoTime();
        if (log.isDebugEnabled()) {
            log.debug("Stored {} calls ({} new), {} state intervals in {} ms: calls {}, legs {}, events {}, states {},"
                    + " rollups {}", b.ids.size(), added, intervals, ms(at[0], at[5]), ms(at[0], at[1]), ms(at[1], at[2]),
                    ms(at[2], at[3]), ms(at[3] == 0 ? at[1] == 0 ? at[0] : at[1] : at[3], at[4]), ms(at[4], at[5]));
        }
        return new Loaded(added, b.ids.size() - added, intervals);
    }

    private static long ms(long from, long to) {
        return from == 0 || to == 0 ? 0 : Math.max(0, (to - from) / 1_000_000);
    }

    /** The runs of rows (as positions in the rows) of the calls in {@code fresh}. */
    private static int[] runs(Batch b, int[] ends, Set<String> fresh) {
        int[] runs = new int[2 * b.ids.size()];
        int n = 0;
        for (int i = 0; i < b.ids.size(); i++) {
            int from = i == 0 ? 0 : ends[i - 1];
            if (from == ends[i] || !fresh.contains(b.ids.get(i))) {
                continue;
            }
            if (n > 0 && runs[n - 1] == from) {
                runs[n - 1] = ends[i]; // adjoins the run before
            } else {
                runs[n++] = from;
                runs[n++] = ends[i];
            }
        }
        return Arrays.copyOf(runs, n);
    }

    /**
     * Refreshes the planner's statistics of the agent states a load compares new intervals
     * with. A long import grows the table faster than autovacuum notices; with statistics that
     * still say "small", PostgreSQL scans the whole table for every batch instead of probing
     * its index. Call it after the first batches of a large load and whenever the loaded rows
     * have doubled (a few times in all). The calls, legs and events need none: which calls are
     * new is found through their primary key ({@code on conflict}).
     */
    public void analyze() {
        jdbc.sql("analyze agent_state_log").update();
    }

    private int states(TenantId tenant, CopyRows rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                create temporary table if not exists history_states (user_id uuid, state varchar(16), reason varchar(64),
                    started_at timestamptz, ended_at timestamptz) on commit delete rows""").update();
        jdbc.sql("truncate history_states").update();
        copy("copy history_states (" + STATE_COLUMNS + ") from stdin (format binary)", rows, null);
        // of one agent's intervals starting at the same time, the longest counts
        String insert = """
                insert into agent_state_log (tenant_id, user_id, state, reason, started_at, ended_at)
                select distinct on (user_id, started_at) ?, user_id, state, reason, started_at, ended_at
                  from history_states h %s
                 order by user_id, started_at, ended_at desc""";
        // a first load of these agents' hours has nothing to compare with: no probe per interval
        boolean overlaps = jdbc.sql("""
                select exists (select 1 from (select user_id, min(started_at) s, max(started_at) e from history_states
                                               group by user_id) b
                                 join lateral (select 1 from agent_state_log a where a.tenant_id = ? and a.user_id = b.user_id
                                                  and a.started_at between b.s and b.e limit 1) x on true)""")
                .param(tenant.value()).query(Boolean.class).single();
        log.debug("{} state intervals, overlapping stored ones: {}", rows.rows(), overlaps);
        if (!overlaps) {
            return jdbc.sql(insert.formatted("")).param(tenant.value()).update();
        }
        jdbc.sql("analyze history_states").update(); // the planner must know the batch is small next to the stored states
        return jdbc.sql(insert.formatted("""
                 where not exists (select 1 from agent_state_log a where a.tenant_id = ? and a.user_id = h.user_id
                                      and a.started_at = h.started_at and a.state = h.state)"""))
                .params(tenant.value(), tenant.value()).update();
    }

    /**
     * COPY is refused on tables with row-level security: rows go into a temporary table of the
     * same columns first ({@code temp}), then into {@code table} with one INSERT (which the
     * policies check). Returns whether any row was staged.
     */
    private boolean stage(String temp, String table, String columns, CopyRows rows, int[] runs) {
        jdbc.sql("create temporary table if not exists " + temp + " on commit delete rows as select " + columns
                + " from " + table + " with no data").update();
        jdbc.sql("truncate " + temp).update();
        if (rows.isEmpty() || runs != null && runs.length == 0) {
            return false;
        }
        copy("copy " + temp + " (" + columns + ") from stdin (format binary)", rows, runs);
        return true;
    }

    private void copy(String sql, CopyRows rows, int[] runs) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            rows.copy(connection, sql, runs);
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
                    || v instanceof String str && plainText(str);
            if (!plain || !isName(e.getKey())) {
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

    /** Whether {@code s} goes into a JSON string as it is (no control character, quote or backslash). */
    private static boolean plainText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == '"' || ch == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is a plain ASCII name (the ACD's keys: position, waitMs …). */
    private static boolean isName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9')) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
