package io.linia.acd;

import io.linia.acd.engine.AgentState;
import io.linia.acd.internal.AcdHost;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.ConflictException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.platform.TextInput;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * The operator's wrap-up of a call (WS-3): a result code from the tenant's list
 * ({@link WrapupCodes}) and a comment, stored on the call's summary with a {@code wrapup} event,
 * audited, and the end of the operator's wrap-up time (the engine's {@code ready}, only when the
 * operator is in WRAP_UP: a pause chosen meanwhile stays). Only the operator's last call can be
 * wrapped up; it may be done again (a correction) as long as it stays the last one.
 */
@Service
public class Wrapups {

    /** What a wrap-up stored. */
    public record Wrapup(String callId, String resultCode, String comment, java.time.Instant at) {
    }

    private final AcdHost host;
    private final JdbcClient jdbc;
    private final WrapupCodes codes;
    private final AuditLog audit;
    private final ObjectMapper json;

    Wrapups(AcdHost host, JdbcClient jdbc, WrapupCodes codes, AuditLog audit, ObjectMapper json) {
        this.host = host;
        this.jdbc = jdbc;
        this.codes = codes;
        this.audit = audit;
        this.json = json;
    }

    public Wrapup wrapUp(TenantId tenant, UUID userId, String callId, String resultCode, String comment) {
        String text = TextInput.lines("comment", comment, 2000);
        boolean exists = jdbc.sql("select exists (select 1 from calls where tenant_id = ? and id = ?)")
                .params(tenant.value(), callId).query(Boolean.class).single();
        if (!exists) {
            throw new NotFoundException("call", callId);
        }
        codes.check(tenant, resultCode);
        String agent = userId.toString();
        return host.ask(tenant, engine -> {
            if (!callId.equals(lastCall(tenant, userId))) {
                throw new ConflictException("not_your_last_call", "callId",
                        "Only your last call can be wrapped up");
            }
            java.time.Instant at = host.at(engine);
            Map<String, Object> before = jdbc.sql(
                    "select result_code, wrapup_comment from calls where tenant_id = ? and id = ?")
                    .params(tenant.value(), callId).query((rs, i) -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("resultCode", rs.getString(1));
                        m.put("comment", rs.getString(2));
                        return m;
                    }).single();
            jdbc.sql("""
                    update calls set result_code = ?, wrapup_comment = ?, wrapped_up_by = ?, wrapped_up_at = ?
                     where tenant_id = ? and id = ?""")
                    .params(resultCode, text, userId, Timestamp.from(at), tenant.value(), callId).update();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("resultCode", resultCode);
            after.put("comment", text);
            jdbc.sql("""
                    insert into call_events (tenant_id, call_id, at, type, queue_id, agent_id, data)
                    values (?, ?, ?, 'wrapup', null, ?, ?::jsonb)""")
                    .params(tenant.value(), callId, Timestamp.from(at), userId, json.writeValueAsString(after)).update();
            audit.record(AuditEvent.change(tenant, "call.wrapup", "call", callId,
                    before.get("resultCode") == null ? null : before, after));
            if (engine.hasAgent(agent) && engine.agentState(agent) == AgentState.WRAP_UP
                    && engine.currentCall(agent).isEmpty()) {
                engine.ready(agent, at);
            }
            return new Wrapup(callId, resultCode, text, at);
        });
    }

    /**
     * The call the operator talked on last: the newest of their queue legs (a blind transfer
     * keeps the leg theirs) and of the calls they are the operator of (calls without queue legs).
     */
    String lastCall(TenantId tenant, UUID userId) {
        return jdbc.sql("""
                select call_id from (
                  (select call_id, connected_at as at from call_legs
                    where tenant_id = ? and agent_id = ? and connected_at is not null
                    order by entered_at desc limit 1)
                  union all
                  (select id, coalesce(connected_at, arrived_at) from calls
                    where tenant_id = ? and agent_id = ? order by arrived_at desc limit 1)
                ) last order by at desc limit 1""")
                .params(tenant.value(), userId, tenant.value(), userId).query(String.class).optional().orElse(null);
    }
}
