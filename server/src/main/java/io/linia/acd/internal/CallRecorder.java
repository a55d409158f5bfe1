package io.linia.acd.internal;

import io.linia.acd.ReportFacts;
import io.linia.acd.engine.AcdEvent;
import io.linia.platform.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Stores what the engine reports (ACD-10): each call event with its millisecond timestamp,
 * the call's summary row kept current, and agent state intervals (ACD-3). Runs inside the
 * tenant's engine lock and transaction, in the order the events happened.
 */
@Component
class CallRecorder {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    private final io.linia.customers.Customers customers;

    CallRecorder(JdbcClient jdbc, ObjectMapper json,
                 io.linia.customers.Customers customers) {
        this.jdbc = jdbc;
        this.json = json;
        this.customers = customers;
    }

    /** The outside party's number as customer cards are matched by it (CRM-2, {@code calls.customer_e164}). */
    private String customerE164(TenantId tenant, String number) {
        return customers.callNumbers(tenant).apply(number);
    }

    /** A call the switch offered: its summary row before anything else happens to it. */
    void arrived(TenantId tenant, String callId, String caller, String dialled, Instant at) {
        jdbc.sql("""
                insert into calls (tenant_id, id, direction, caller, dialled, arrived_at, customer_e164)
                values (?, ?, 'inbound', ?, ?, ?, ?)
                on conflict do nothing
                """).params(tenant.value(), callId, caller, dialled, Timestamp.from(at), customerE164(tenant, caller))
                .update();
        event(tenant, callId, "offered_by_switch", null, null, Map.of("caller", caller, "dialled", dialled), at);
    }

    /** An IVR step: {@code type} is ivr_start, ivr_end (with the path and topic) or ivr_release. */
    void ivr(TenantId tenant, String callId, String type, Map<String, ?> data, Instant at) {
        event(tenant, callId, type, null, null, data, at);
        if ("ivr_end".equals(type) && data.get("topic") != null) {
            jdbc.sql("update calls set topic = ? where tenant_id = ? and id = ?")
                    .params(data.get("topic"), tenant.value(), callId).update();
        }
        if ("ivr_release".equals(type)) {
            finish(tenant, callId, "ivr_release", null, at);
        }
    }

    /** The caller hung up while still in the IVR. */
    void abandonedInIvr(TenantId tenant, String callId, java.util.List<String> path, Instant at) {
        event(tenant, callId, "abandon", null, null, Map.of("inIvr", true, "path", path), at);
        finish(tenant, callId, "abandoned", "caller", at);
    }

    /** A supervisor joined ({@code monitor_start}, with the mode) or left ({@code monitor_stop}) a call (ACD-11). */
    void monitor(TenantId tenant, String callId, String type, UUID agentId, Map<String, ?> data, Instant at) {
        event(tenant, callId, type, null, agentId == null ? null : agentId.toString(), data, at);
    }

    /** The call could not be routed (no queue has the dialled number). */
    void unrouted(TenantId tenant, String callId, Instant at) {
        event(tenant, callId, "unrouted", null, null, Map.of(), at);
        finish(tenant, callId, "unrouted", null, at);
    }

    void record(TenantId tenant, AcdEvent e) {
        if (e instanceof AcdEvent.CallQueued q) {
            event(tenant, q.callId(), "enter_queue", q.queueId(), null,
                    Map.of("position", q.position(), "priority", q.priority()), q.at());
            legEntered(tenant, q);
            jdbc.sql("update calls set queue_id = ?::uuid where tenant_id = ? and id = ?")
                    .params(q.queueId(), tenant.value(), q.callId()).update();
        } else if (e instanceof AcdEvent.CallOffered o) {
            event(tenant, o.callId(), "offered", o.queueId(), o.agentId(), Map.of(), o.at());
        } else if (e instanceof AcdEvent.RingNoAnswer r) {
            event(tenant, r.callId(), "ring_no_answer", r.queueId(), r.agentId(), Map.of(), r.at());
            legRingNoAnswer(tenant, r.callId());
        } else if (e instanceof AcdEvent.CallConnected c) {
            event(tenant, c.callId(), "connect", c.queueId(), c.agentId(), Map.of("waitMs", c.waited().toMillis()), c.at());
            jdbc.sql("""
                    update calls set agent_id = ?::uuid, queue_id = ?::uuid, connected_at = ?, wait_ms = ?
                     where tenant_id = ? and id = ?""")
                    .params(c.agentId(), c.queueId(), Timestamp.from(c.at()), c.waited().toMillis(), tenant.value(), c.callId())
                    .update();
            legConnected(tenant, c);
        } else if (e instanceof AcdEvent.CallHeld h) {
            event(tenant, h.callId(), "hold", null, h.agentId(), Map.of(), h.at());
        } else if (e instanceof AcdEvent.CallResumed r) {
            event(tenant, r.callId(), "unhold", null, r.agentId(), Map.of(), r.at());
        } else if (e instanceof AcdEvent.CallTransferred t) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("kind", t.toKind());
            data.put("target", t.target());
            if (t.toQueueId() != null) {
                data.put("toQueue", t.toQueueId());
            }
            event(tenant, t.callId(), "transfer", t.fromQueueId(), t.agentId(), data, t.at());
            legEnded(tenant, t.callId(), "answered", "transfer", t.at());
            if ("number".equals(t.toKind())) {
                transferredOut(tenant, t.callId(), t.at());
            }
        } else if (e instanceof AcdEvent.CallDialled d) {
            dialled(tenant, d);
        } else if (e instanceof AcdEvent.OutboundConnected c) {
            event(tenant, c.callId(), "connect", null, c.agentId(), Map.of("direction", "outbound"), c.at());
            jdbc.sql("""
                    update calls set connected_at = ?, wait_ms = (extract(epoch from (?::timestamptz - arrived_at)) * 1000)::bigint
                     where tenant_id = ? and id = ?""")
                    .params(Timestamp.from(c.at()), Timestamp.from(c.at()), tenant.value(), c.callId()).update();
        } else if (e instanceof AcdEvent.OutboundNotAnswered n) {
            String by = n.endedBy() == io.linia.acd.engine.EndedBy.AGENT ? "agent" : "caller";
            event(tenant, n.callId(), "no_answer", null, n.agentId(), Map.of("endedBy", by), n.at());
            finish(tenant, n.callId(), "not_answered", by, n.at());
        } else if (e instanceof AcdEvent.ConsultStarted c) {
            event(tenant, c.callId(), "consult_start", null, c.agentId(),
                    Map.of("consultCallId", c.consultCallId(), "kind", c.kind(), "target", c.target()), c.at());
        } else if (e instanceof AcdEvent.ConsultEnded c) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("consultCallId", c.consultCallId());
            data.put("reason", c.reason());
            if (c.toAgentId() != null) {
                data.put("toAgent", c.toAgentId());
            }
            if (c.toNumber() != null) {
                data.put("toNumber", c.toNumber());
            }
            boolean complete = "complete".equals(c.reason());
            event(tenant, c.callId(), complete ? "consult_complete" : "consult_cancel", null, c.agentId(), data, c.at());
            if (complete && c.toAgentId() != null) {
                jdbc.sql("update calls set agent_id = ?::uuid where tenant_id = ? and id = ?")
                        .params(c.toAgentId(), tenant.value(), c.callId()).update();
            } else if (complete) {
                transferredOut(tenant, c.callId(), c.at());
            }
        } else if (e instanceof AcdEvent.CallCompleted c) {
            String type = c.endedBy() == io.linia.acd.engine.EndedBy.CALLER ? "complete_caller" : "complete_agent";
            event(tenant, c.callId(), type, c.queueId(), c.agentId(), Map.of("talkMs", c.talk().toMillis()), c.at());
            jdbc.sql("update calls set talk_ms = ? where tenant_id = ? and id = ?")
                    .params(c.talk().toMillis(), tenant.value(), c.callId()).update();
            finish(tenant, c.callId(), "answered", c.endedBy().name().toLowerCase(), c.at());
            legEnded(tenant, c.callId(), "answered", c.endedBy() == io.linia.acd.engine.EndedBy.CALLER ? "caller" : "agent",
                    c.at());
        } else if (e instanceof AcdEvent.CallAbandoned a) {
            event(tenant, a.callId(), "abandon", a.queueId(), null,
                    Map.of("position", a.position(), "waitMs", a.waited().toMillis()), a.at());
            jdbc.sql("update calls set wait_ms = ? where tenant_id = ? and id = ?")
                    .params(a.waited().toMillis(), tenant.value(), a.callId()).update();
            finish(tenant, a.callId(), "abandoned", "caller", a.at());
            legEnded(tenant, a.callId(), "abandoned", null, a.at());
        } else if (e instanceof AcdEvent.CallTimedOut t) {
            event(tenant, t.callId(), "timeout", t.queueId(), null,
                Map.of("waitMs", t.waited().toMillis()), t.at());
            legEnded(tenant, t.callId(), "timeout", null, t.at());
        } else if (e instanceof AcdEvent.CallOverflowed o) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("reason", o.reason());
            data.put("to", o.overflow().kind().name());
            if (o.overflow().target() != null) {
                data.put("target", o.overflow().target());
            }
            event(tenant, o.callId(), "overflow", o.queueId(), null, data, o.at());
            legEnded(tenant, o.callId(), "overflow", null, o.at());
            if (o.overflow().kind() != io.linia.acd.engine.Overflow.Kind.QUEUE
                    && o.overflow().kind() != io.linia.acd.engine.Overflow.Kind.CALLBACK) {
                finish(tenant, o.callId(), "overflow", null, o.at());
            }
        } else if (e instanceof AcdEvent.CallbackRequested c) {
            event(tenant, c.callId(), "callback_requested", c.queueId(), null,
                Map.of(), c.at());
        } else if (e instanceof AcdEvent.AgentStateChanged s) {
            agentState(tenant, s);
        }
        if (e instanceof AcdEvent.AgentMembershipChanged m) {
            membership(tenant, m);
        }
    }

    // ------------------------------------------------------------------ report facts (REP-1..8)

    /** A call enters a queue: a new leg with its position and the thresholds that count it. */
    private void legEntered(TenantId tenant, AcdEvent.CallQueued q) {
        jdbc.sql("""
                insert into call_legs (tenant_id, call_id, leg, queue_id, caller, entered_at, position, sl_seconds,
                                       short_abandon_seconds)
                select ?, ?, coalesce((select max(leg) from call_legs where tenant_id = ? and call_id = ?), 0) + 1,
                       q.id, (select caller from calls where tenant_id = ? and id = ?), ?, ?, q.service_level_seconds,
                       coalesce((select short_abandon_seconds from report_settings where tenant_id = ?), 5)
                  from acd_queues q where q.tenant_id = ? and q.id = ?::uuid
                """).params(tenant.value(), q.callId(), tenant.value(), q.callId(), tenant.value(), q.callId(),
                Timestamp.from(q.at()), q.position(), tenant.value(), tenant.value(), q.queueId()).update();
    }

    private static final String OPEN_LEG = " where tenant_id = ? and call_id = ? and outcome = 'open'"
            + " and leg = (select max(leg) from call_legs where tenant_id = ? and call_id = ?)";

    private void legConnected(TenantId tenant, AcdEvent.CallConnected c) {
        // the wait in this queue: a transferred or overflowed call's earlier queues are their legs' waits
        Timestamp at = Timestamp.from(c.at());
        jdbc.sql("update call_legs set agent_id = ?::uuid, agent_number = (select extension from users where id = ?::uuid),"
                        + " connected_at = ?, wait_ms = (extract(epoch from (?::timestamptz - entered_at)) * 1000)::bigint"
                        + OPEN_LEG)
                .params(c.agentId(), c.agentId(), at, at, tenant.value(), c.callId(), tenant.value(), c.callId()).update();
    }

    private void legRingNoAnswer(TenantId tenant, String callId) {
        jdbc.sql("update call_legs set ring_no_answer = ring_no_answer + 1" + OPEN_LEG)
                .params(tenant.value(), callId, tenant.value(), callId).update();
    }

    /**
     * The open leg ends; its figures go into the rollup of its quarter-hour, queue and operator
     * in the same transaction, so rollups and legs never disagree (REP-11).
     */
    private void legEnded(TenantId tenant, String callId, String outcome, String endedBy, Instant at) {
        Timestamp end = Timestamp.from(at);
        Long leg = jdbc.sql("""
                update call_legs set outcome = ?, ended_by = ?, ended_at = ?,
                       wait_ms = case when connected_at is null
                                      then (extract(epoch from (?::timestamptz - entered_at)) * 1000)::bigint
                                      else wait_ms end,
                       talk_ms = case when connected_at is null then null
                                      else (extract(epoch from (?::timestamptz - connected_at)) * 1000)::bigint end
                """ + OPEN_LEG + " returning leg")
                .params(outcome, endedBy, end, end, end, tenant.value(), callId, tenant.value(), callId)
                .query(Long.class).optional().orElse(null);
        if (leg == null) {
            return;
        }
        for (String add : ReportFacts.addLeg()) {
            jdbc.sql(add).params(tenant.value(), callId, leg).update();
        }
    }

    /**
     * An agent's call: its summary row (outbound to a number, internal to an agent or a queue;
     * the caller is the agent's extension, the dialled the number, the agent's extension or the
     * queue's number) and a {@code dial} event.
     */
    private void dialled(TenantId tenant, AcdEvent.CallDialled d) {
        String direction = "number".equals(d.kind()) ? "outbound" : "internal";
        String dialled = switch (d.kind()) {
            case "agent" -> jdbc.sql("select coalesce(extension, id::text) from users where tenant_id = ? and id = ?::uuid")
                    .params(tenant.value(), d.target()).query(String.class).optional().orElse(d.target());
            case "queue" -> jdbc.sql("select number from acd_queues where tenant_id = ? and id = ?::uuid")
                    .params(tenant.value(), d.target()).query(String.class).optional().orElse(d.target());
            default -> d.target();
        };
        jdbc.sql("""
                insert into calls (tenant_id, id, direction, caller, dialled, agent_id, from_agent_id, parent_call_id,
                                   arrived_at, customer_e164)
                values (?, ?, ?, (select extension from users where tenant_id = ? and id = ?::uuid), ?,
                        case when ? = 'outbound' then ?::uuid end, ?::uuid, ?, ?, ?)
                on conflict do nothing
                """).params(tenant.value(), d.callId(), direction, tenant.value(), d.agentId(), dialled, direction,
                        d.agentId(), d.agentId(), d.parentCallId(), Timestamp.from(d.at()),
                        "outbound".equals(direction) ? customerE164(tenant, dialled) : "").update();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", d.kind());
        data.put("target", d.target());
        if (d.parentCallId() != null) {
            data.put("parentCallId", d.parentCallId());
        }
        event(tenant, d.callId(), "dial", "queue".equals(d.kind()) ? d.target() : null, d.agentId(), data, d.at());
    }

    /** The caller left the platform for an outside number: answered by the agent, talked until now. */
    private void transferredOut(TenantId tenant, String callId, Instant at) {
        jdbc.sql("""
                update calls set talk_ms = (extract(epoch from (?::timestamptz - connected_at)) * 1000)::bigint
                 where tenant_id = ? and id = ? and connected_at is not null""")
                .params(Timestamp.from(at), tenant.value(), callId).update();
        finish(tenant, callId, "transferred", "agent", at);
    }

    private void membership(TenantId tenant, AcdEvent.AgentMembershipChanged m) {
        Timestamp at = Timestamp.from(m.at());
        UUID user = UUID.fromString(m.agentId());
        UUID queue = UUID.fromString(m.queueId());
        jdbc.sql("""
                update queue_membership_log set left_at = ?
                 where tenant_id = ? and queue_id = ? and user_id = ? and left_at is null
                """).params(at, tenant.value(), queue, user).update();
        if (m.member()) {
            jdbc.sql("insert into queue_membership_log (tenant_id, queue_id, user_id, joined_at) values (?, ?, ?, ?)")
                    .params(tenant.value(), queue, user, at).update();
        }
    }

    /** The stored summary of a call. */
    java.util.Optional<io.linia.acd.CallRecord> find(TenantId tenant, String callId) {
        return jdbc.sql("""
                select id, direction, caller, dialled, queue_id, agent_id, arrived_at, connected_at, ended_at, wait_ms,
                       talk_ms, outcome, ended_by, from_agent_id, parent_call_id
                  from calls where tenant_id = ? and id = ?
                """).params(tenant.value(), callId)
                .query((rs, i) -> new io.linia.acd.CallRecord(rs.getString("id"), rs.getString("direction"),
                        rs.getString("caller"), rs.getString("dialled"), rs.getObject("queue_id", UUID.class),
                        rs.getObject("agent_id", UUID.class), null, rs.getTimestamp("arrived_at").toInstant(),
                        instant(rs.getTimestamp("connected_at")), instant(rs.getTimestamp("ended_at")),
                        (Long) rs.getObject("wait_ms"), (Long) rs.getObject("talk_ms"), rs.getString("outcome"),
                        rs.getString("ended_by"), rs.getObject("from_agent_id", UUID.class),
                        rs.getString("parent_call_id")))
                .optional();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private void agentState(TenantId tenant, AcdEvent.AgentStateChanged s) {
        UUID user = UUID.fromString(s.agentId());
        Timestamp at = Timestamp.from(s.at());
        jdbc.sql("update agent_state_log set ended_at = ? where tenant_id = ? and user_id = ? and ended_at is null")
                .params(at, tenant.value(), user).update();
        jdbc.sql("insert into agent_state_log (tenant_id, user_id, state, reason, started_at) values (?, ?, ?, ?, ?)")
                .params(tenant.value(), user, s.to().name(), s.reason(), at).update();
    }

    private void finish(TenantId tenant, String callId, String outcome, String endedBy, Instant at) {
        jdbc.sql("update calls set ended_at = ?, outcome = ?, ended_by = ? where tenant_id = ? and id = ? and ended_at is null")
                .params(Timestamp.from(at), outcome, endedBy, tenant.value(), callId).update();
    }

    private void event(TenantId tenant, String callId, String type, String queueId, String agentId, Map<String, ?> data,
                       Instant at) {
        jdbc.sql("""
                insert into call_events (tenant_id, call_id, at, type, queue_id, agent_id, data)
                values (?, ?, ?, ?, ?::uuid, ?::uuid, ?::jsonb)
                """)
                .params(tenant.value(), callId, Timestamp.from(at), type, queueId, agentId, json.writeValueAsString(data))
                .update();
    }
}
