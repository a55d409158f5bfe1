package io.linia.acd.internal;

import io.linia.acd.CallChanged;
import io.linia.acd.engine.AgentState;
import io.linia.platform.ConflictException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.telephony.MonitorMode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Supervisors on calls (ACD-11): which calls may be joined (connected or held to an agent now),
 * who is on which call in which mode, and the {@code monitor_start} / {@code monitor_stop} call
 * events. A supervisor's place on a call ends with the call.
 */
@Component
public class CallMonitors {

    /** A supervisor on a call: their phone and mode, and the agent the call was connected to. */
    public record Monitor(String callId, UUID supervisorId, String endpoint, MonitorMode mode, UUID agentId) {
    }

    private final AcdHost host;
    private final CallRecorder recorder;
    private final JdbcClient jdbc;
    /** tenant → call → supervisor → monitor. */
    private final Map<TenantId, Map<String, Map<UUID, Monitor>>> active = new ConcurrentHashMap<>();

    CallMonitors(AcdHost host, CallRecorder recorder, JdbcClient jdbc) {
        this.host = host;
        this.recorder = recorder;
        this.jdbc = jdbc;
    }

    /**
     * The agent a call is connected to (talking or on hold) now; 404 for a call the tenant never
     * had, 409 {@code not_connected} for one that waits, rings or has ended.
     */
    public UUID connectedAgent(TenantId tenant, String callId) {
        Optional<Object[]> row = jdbc.sql("select agent_id, ended_at from calls where tenant_id = ? and id = ?")
                .params(tenant.value(), callId)
                .query((rs, i) -> new Object[] {rs.getObject(1, UUID.class), rs.getTimestamp(2)}).optional();
        if (row.isEmpty()) {
            throw new NotFoundException("call", callId);
        }
        UUID agent = (UUID) row.get()[0];
        boolean connected = row.get()[1] == null && agent != null && host.read(tenant, engine -> {
            String a = agent.toString();
            return engine.hasAgent(a) && callId.equals(engine.currentCall(a).orElse(null))
                    && (engine.agentState(a) == AgentState.TALKING || engine.agentState(a) == AgentState.HOLD);
        });
        if (!connected) {
            throw new ConflictException("not_connected", "callId", "Only a call connected to an agent can be joined");
        }
        return agent;
    }

    public Optional<Monitor> of(TenantId tenant, String callId, UUID supervisorId) {
        return Optional.ofNullable(active.getOrDefault(tenant, Map.of()).getOrDefault(callId, Map.of()).get(supervisorId));
    }

    /** Remembers the supervisor on the call and stores {@code monitor_start} with the mode. */
    public void started(TenantId tenant, Monitor m) {
        active.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(m.callId(), c -> new ConcurrentHashMap<>()).put(m.supervisorId(), m);
        recorder.monitor(tenant, m.callId(), "monitor_start", m.agentId(),
                Map.of("supervisorId", m.supervisorId().toString(), "endpoint", m.endpoint(), "mode", m.mode().name()),
                now(tenant));
    }

    /** Forgets the supervisor on the call and stores {@code monitor_stop}. */
    public void stopped(TenantId tenant, Monitor m) {
        Map<String, Map<UUID, Monitor>> calls = active.getOrDefault(tenant, Map.of());
        Map<UUID, Monitor> on = calls.get(m.callId());
        if (on != null) {
            on.remove(m.supervisorId());
            if (on.isEmpty()) {
                calls.remove(m.callId());
            }
        }
        recorder.monitor(tenant, m.callId(), "monitor_stop", m.agentId(),
                Map.of("supervisorId", m.supervisorId().toString(), "endpoint", m.endpoint(), "mode", m.mode().name()),
                now(tenant));
    }

    /** The call ended: whoever was on it is off it with it. */
    @EventListener
    void on(CallChanged e) {
        if ("ended".equals(e.call().state())) {
            Map<String, Map<UUID, Monitor>> calls = active.get(e.tenant());
            if (calls != null) {
                calls.remove(e.call().id());
            }
        }
    }

    private java.time.Instant now(TenantId tenant) {
        return host.read(tenant, host::at);
    }
}
