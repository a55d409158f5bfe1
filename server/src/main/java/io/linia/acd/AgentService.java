package io.linia.acd;

import io.linia.acd.engine.AgentState;
import io.linia.acd.internal.AcdHost;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What an agent does from the workstation API (ACD-2, ACD-3, WS-2, WS-3): join and leave
 * queues, go free or pause with a reason, answer, hold, transfer, hang up. The switch is told
 * after the engine has accepted the action.
 */
@Service
public class AgentService {

    private final AcdHost host;
    private final QueueService queues;
    private final JdbcClient jdbc;
    private final PauseReasons reasons;

    AgentService(AcdHost host, QueueService queues, JdbcClient jdbc, PauseReasons reasons) {
        this.reasons = reasons;
        this.host = host;
        this.queues = queues;
        this.jdbc = jdbc;
    }

    public AgentStatus status(TenantId tenant, UUID userId) {
        String agent = userId.toString();
        var since = jdbc.sql("""
                select state, reason, started_at from agent_state_log
                 where tenant_id = ? and user_id = ? and ended_at is null order by id desc limit 1
                """).params(tenant.value(), userId)
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()})
                .optional();
        return host.read(tenant, engine -> {
            if (!engine.hasAgent(agent)) {
                return new AgentStatus(userId, AgentState.OFFLINE.name(), null, null, List.of(), null);
            }
            List<UUID> joined = queues.list(tenant).stream()
                    .filter(q -> engine.members(q.id().toString()).contains(agent)).map(QueueView::id).toList();
            return new AgentStatus(userId, engine.agentState(agent).name(),
                    since.map(s -> (String) s[1]).orElse(null), since.map(s -> (Instant) s[2]).orElse(null), joined,
                    engine.currentCall(agent).orElse(null));
        });
    }

    public void join(TenantId tenant, UUID userId, UUID queueId) {
        queues.addMember(tenant, queueId, userId);
    }

    public void leave(TenantId tenant, UUID userId, UUID queueId) {
        queues.removeMember(tenant, queueId, userId);
    }

    /** FREE, or PAUSED with a reason; OFFLINE leaves every queue. */
    public AgentStatus setState(TenantId tenant, UUID userId, String state, String reason) {
        String agent = userId.toString();
        switch (state == null ? "" : state) {
            case "FREE" -> host.input(tenant, engine -> {
                requireAgent(engine, agent);
                engine.ready(agent, host.at(engine));
            });
            case "PAUSED" -> {
                if (reason == null || reason.isBlank()) {
                    throw new InvalidInputException("required", "reason", "A pause needs a reason");
                }
                reasons.check(tenant, reason);
                host.input(tenant, engine -> {
                    requireAgent(engine, agent);
                    engine.pause(agent, reason, host.at(engine));
                });
            }
            case "OFFLINE" -> {
                for (QueueView q : queues.list(tenant)) {
                    if (host.read(tenant, engine -> engine.members(q.id().toString()).contains(agent))) {
                        queues.removeMember(tenant, q.id(), userId);
                    }
                }
            }
            default -> throw new InvalidInputException("unknown_state", "state", "The state is FREE, PAUSED or OFFLINE");
        }
        return status(tenant, userId);
    }

    public void answer(TenantId tenant, UUID userId, String callId) {
        String agent = userId.toString();
        host.input(tenant, engine -> {
            requireAgent(engine, agent);
            engine.agentAnswered(agent, callId, host.at(engine));
        });
        host.port(tenant).bridge(callId, host.endpointOf(tenant, agent));
    }

    public void hangup(TenantId tenant, UUID userId, String callId) {
        String agent = userId.toString();
        host.input(tenant, engine -> {
            requireAgent(engine, agent);
            engine.agentHungUp(agent, callId, host.at(engine));
        });
        host.port(tenant).hangup(callId);
    }

    public void hold(TenantId tenant, UUID userId, String callId, boolean on) {
        String agent = userId.toString();
        host.input(tenant, engine -> {
            requireAgent(engine, agent);
            if (on) {
                engine.hold(agent, callId, host.at(engine));
            } else {
                engine.resume(agent, callId, host.at(engine));
            }
        });
        host.port(tenant).hold(callId, on);
    }

    /**
     * Pauses or resumes the recording of the agent's own call (SEC-7: a card number is not
     * recorded); 409 when the call is not the agent's now. The switch reports the recording's
     * pause; the recordings module audits it.
     */
    public void pauseRecording(TenantId tenant, UUID userId, String callId, boolean paused) {
        AgentStatus me = status(tenant, userId);
        if (!callId.equals(me.callId()) || !("TALKING".equals(me.state()) || "HOLD".equals(me.state()))) {
            throw new io.linia.platform.ConflictException("not_your_call", "callId",
                    "Only a call you are talking on can have its recording paused");
        }
        host.port(tenant).pauseRecording(callId, paused);
    }

    public void transfer(TenantId tenant, UUID userId, String callId, UUID queueId) {
        queues.get(tenant, queueId);
        String agent = userId.toString();
        host.input(tenant, engine -> {
            requireAgent(engine, agent);
            engine.transferToQueue(agent, callId, queueId.toString(), host.at(engine));
        });
        host.port(tenant).queued(callId);
    }

    private static void requireAgent(io.linia.acd.engine.AcdEngine engine, String agent) {
        if (!engine.hasAgent(agent)) {
            throw new io.linia.acd.engine.AcdException("invalid_state", "state",
                    "You are not logged in to any queue");
        }
    }
}
