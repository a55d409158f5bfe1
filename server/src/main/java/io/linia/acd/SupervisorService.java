package io.linia.acd;

import io.linia.acd.internal.AcdHost;
import io.linia.acd.internal.CallMonitors;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.UserService;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import io.linia.telephony.MonitorMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A supervisor's controls (ACD-11): force an agent's state or log them out of every queue, and
 * listen to, whisper into or barge into a connected call from their own extension. Each act is
 * checked (by the engine or the switch), carried out, then audited; the agent's workstation
 * hears a forced state by its own {@code current_user_event} push like any other change.
 */
@Service
public class SupervisorService {

    /** A supervisor on a call, as the API shows it. */
    public record Monitoring(String callId, String mode, String endpoint, UUID agentId) {
    }

    private final AgentService agents;
    private final UserService users;
    private final AcdHost host;
    private final CallMonitors monitors;
    private final AuditLog audit;

    SupervisorService(AgentService agents, UserService users, AcdHost host, CallMonitors monitors, AuditLog audit) {
        this.agents = agents;
        this.users = users;
        this.host = host;
        this.monitors = monitors;
        this.audit = audit;
    }

    /**
     * Puts an agent FREE, PAUSED with a reason, or OFFLINE (out of every queue); 404 for a user
     * the tenant does not have, 409 with the engine's code when the state cannot be reached now
     * (e.g. FREE for an agent in no queue, PAUSED while talking).
     */
    public AgentStatus forceState(TenantId tenant, UUID userId, String state, String reason) {
        users.get(tenant, userId);
        AgentStatus before = agents.status(tenant, userId);
        AgentStatus after = agents.setState(tenant, userId, state, reason);
        audit.record(AuditEvent.change(tenant, "agent.force_state", "user", userId, stateOf(before), stateOf(after)));
        return after;
    }

    /**
     * Rings the supervisor's own extension and joins it to the call in {@code mode}; asked again
     * it changes the mode. 422 {@code no_extension} for a supervisor without an extension, 404
     * for an unknown call, 409 {@code not_connected} when nobody is talking on it,
     * 409 {@code not_supported_by_switch} when the tenant's switch cannot.
     */
    public Monitoring monitor(TenantId tenant, UUID supervisorId, String callId, MonitorMode mode) {
        String endpoint = extensionOf(tenant, supervisorId);
        UUID agent = monitors.connectedAgent(tenant, callId);
        CallMonitors.Monitor before = monitors.of(tenant, callId, supervisorId).orElse(null);
        host.port(tenant).monitor(callId, endpoint, mode);
        CallMonitors.Monitor m = new CallMonitors.Monitor(callId, supervisorId, endpoint, mode, agent);
        monitors.started(tenant, m);
        audit.record(AuditEvent.change(tenant, "call.monitor_start", "call", callId,
                before == null ? null : Map.of("mode", before.mode().name()),
                Map.of("mode", mode.name(), "endpoint", endpoint, "agent", agent.toString())));
        return new Monitoring(callId, mode.name(), endpoint, agent);
    }

    /** The supervisor leaves the call; 409 {@code not_monitoring} when they are not on it. */
    public void stopMonitor(TenantId tenant, UUID supervisorId, String callId) {
        CallMonitors.Monitor m = monitors.of(tenant, callId, supervisorId).orElseThrow(() ->
                new ConflictException("not_monitoring", "callId", "You are not on this call"));
        host.port(tenant).stopMonitor(callId, m.endpoint());
        monitors.stopped(tenant, m);
        audit.record(AuditEvent.change(tenant, "call.monitor_stop", "call", callId,
                Map.of("mode", m.mode().name(), "endpoint", m.endpoint()), null));
    }

    private String extensionOf(TenantId tenant, UUID userId) {
        String extension = users.get(tenant, userId).extension();
        if (extension == null || extension.isBlank()) {
            throw new InvalidInputException("no_extension", "extension",
                    "You need an extension of your own to listen to a call");
        }
        return extension;
    }

    private static Map<String, Object> stateOf(AgentStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", s.state());
        m.put("reason", s.reason());
        m.put("queues", s.queues());
        return m;
    }
}
