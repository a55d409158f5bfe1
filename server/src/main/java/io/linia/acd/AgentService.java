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
 * queues, go free or pause with a reason, answer, hold, transfer (blind or after a
 * consultation), dial out, hang up. The switch is told after the engine has accepted the action.
 */
@Service
public class AgentService {

    /** A number to call: digits, optionally after a + (2 to 20 digits). */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\+?[0-9]{2,20}");

    /**
     * Where a transfer or a consultation goes: exactly one of a queue, an agent (a user id) or a
     * number; 422 {@code target_required} (field {@code target}) when none is given,
     * {@code one_target} naming the second field when several are.
     */
    public record Target(UUID queueId, UUID agentId, String number) {

        public Target {
            List<String> given = new java.util.ArrayList<>();
            if (queueId != null) {
                given.add("queueId");
            }
            if (agentId != null) {
                given.add("agentId");
            }
            if (number != null) {
                given.add("number");
            }
            if (given.isEmpty()) {
                throw new InvalidInputException("target_required", "target", "Give one of queueId, agentId or number");
            }
            if (given.size() > 1) {
                throw new InvalidInputException("one_target", given.get(1),
                        "Give only one of queueId, agentId or number, not " + String.join(" and ", given));
            }
            if (number != null) {
                requireNumber(number);
            }
        }
    }

    private final AcdHost host;
    private final QueueService queues;
    private final JdbcClient jdbc;
    private final PauseReasons reasons;
    private final io.linia.identity.UserService users;
    private final io.linia.customers.Customers customers;

    AgentService(AcdHost host, QueueService queues, JdbcClient jdbc, PauseReasons reasons,
                 io.linia.identity.UserService users, io.linia.customers.Customers customers) {
        this.users = users;
        this.customers = customers;
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
                return new AgentStatus(userId, AgentState.OFFLINE.name(), null, null, List.of(), null, null);
            }
            List<UUID> joined = queues.list(tenant).stream()
                    .filter(q -> engine.members(q.id().toString()).contains(agent)).map(QueueView::id).toList();
            return new AgentStatus(userId, engine.agentState(agent).name(),
                    since.map(s -> (String) s[1]).orElse(null), since.map(s -> (Instant) s[2]).orElse(null), joined,
                    engine.currentCall(agent).orElse(null), engine.consultCall(agent).orElse(null));
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
        transfer(tenant, userId, callId, new Target(queueId, null, null));
    }

    /**
     * Blind transfer (WS-3): to a queue (the call waits there), to an agent (who must be free:
     * 409 {@code agent_unavailable}; rung for the ring time of the call's queue, then back to that
     * queue at the head of its line) or to a number (the call leaves the platform). The agent
     * goes to wrap-up at once.
     */
    public void transfer(TenantId tenant, UUID userId, String callId, Target to) {
        String agent = userId.toString();
        if (to.queueId() != null) {
            queues.get(tenant, to.queueId());
            String moh = host.ask(tenant, engine -> {
                requireAgent(engine, agent);
                engine.transferToQueue(agent, callId, to.queueId().toString(), host.at(engine));
                return engine.mohClass(callId).orElse("default");
            });
            host.port(tenant).queued(callId, moh);
            return;
        }
        requireCallControl(tenant);
        if (to.agentId() != null) {
            users.get(tenant, to.agentId());
        }
        host.input(tenant, engine -> {
            requireAgent(engine, agent);
            if (to.agentId() != null) {
                requireTargetAgent(engine, to.agentId());
                engine.transferToAgent(agent, callId, to.agentId().toString(), host.at(engine));
            } else {
                engine.transferToNumber(agent, callId, to.number(), host.at(engine));
            }
        });
    }

    /**
     * Consultation (attended transfer, WS-3): the caller is held and a new call — returned —
     * goes from the agent to the target: a free agent (rung for the ring time of the call's
     * queue), a queue (offered by its routing) or a number.
     */
    public String consult(TenantId tenant, UUID userId, String callId, Target to) {
        String agent = userId.toString();
        if (to.queueId() != null) {
            queues.get(tenant, to.queueId());
        }
        if (to.agentId() != null) {
            users.get(tenant, to.agentId());
        }
        requireCallControl(tenant);
        String consultId = UUID.randomUUID().toString();
        host.input(tenant, engine -> {
            requireAgent(engine, agent);
            java.time.Instant now = host.at(engine);
            if (to.queueId() != null) {
                engine.consultQueue(agent, callId, consultId, to.queueId().toString(), now);
            } else if (to.agentId() != null) {
                requireTargetAgent(engine, to.agentId());
                engine.consultAgent(agent, callId, consultId, to.agentId().toString(), now);
            } else {
                engine.consultNumber(agent, callId, consultId, to.number(), now);
            }
        });
        return consultId;
    }

    /** The caller is connected with the consulted party (who must have answered); the agent goes to wrap-up. */
    public void completeConsult(TenantId tenant, UUID userId, String callId) {
        String agent = userId.toString();
        host.input(tenant, engine -> {
            requireAgent(engine, agent);
            engine.completeConsult(agent, callId, host.at(engine));
        });
    }

    /** The consultation leg ends; the agent is back with the caller, still on hold until {@code /resume}. */
    public void cancelConsult(TenantId tenant, UUID userId, String callId) {
        String agent = userId.toString();
        host.input(tenant, engine -> {
            requireAgent(engine, agent);
            engine.cancelConsult(agent, callId, host.at(engine));
        });
    }

    /**
     * An outbound call (WS-3, TEL-1) to a number, or to the first phone of a customer's card.
     * The agent needs no queue: free, paused (it is paused again after the call), in wrap-up or
     * offline may dial; ringing or on a call answers 409 {@code agent_busy}. Returns the call id.
     */
    public String dial(TenantId tenant, UUID userId, String number, UUID customerId) {
        if ((number == null) == (customerId == null)) {
            throw new InvalidInputException(number == null ? "target_required" : "one_target",
                    number == null ? "number" : "customerId", "Give either a number or a customerId");
        }
        // what an operator types or a card holds: "8 (495) 111-22-33" dials as 84951112233
        String to = number == null ? null : number.replaceAll("[\\s()\\-.]", "");
        if (customerId != null) {
            List<io.linia.customers.CustomerView.Phone> phones = customers.get(tenant, customerId).phones();
            if (phones == null || phones.isEmpty() || phones.get(0).number() == null) {
                throw new InvalidInputException("no_phone", "customerId", "The customer's card has no phone number");
            }
            to = phones.get(0).number().replaceAll("[\\s()\\-.]", "");
        }
        requireNumber(to);
        requireCallControl(tenant);
        String callId = UUID.randomUUID().toString();
        String dialled = to;
        host.input(tenant, engine -> {
            host.ensureAgent(engine, tenant, userId);
            engine.dial(userId.toString(), callId, dialled, host.at(engine));
        });
        return callId;
    }

    private static void requireNumber(String number) {
        if (number == null || !NUMBER.matcher(number).matches()) {
            throw new InvalidInputException("invalid_number", "number", "A number is 2 to 20 digits, optionally after a +");
        }
    }

    private void requireCallControl(TenantId tenant) {
        if (!host.port(tenant).callControl()) {
            throw io.linia.telephony.TelephonyPort.notSupported("agents' transfers, consultations and outbound calls");
        }
    }

    /** A user of the tenant who has never logged in to a queue is no agent to call: not available. */
    private static void requireTargetAgent(io.linia.acd.engine.AcdEngine engine, UUID target) {
        if (!engine.hasAgent(target.toString())) {
            throw new io.linia.acd.engine.AcdException("agent_unavailable", "agentId",
                    "That user is not logged in to any queue");
        }
    }

    private static void requireAgent(io.linia.acd.engine.AcdEngine engine, String agent) {
        if (!engine.hasAgent(agent)) {
            throw new io.linia.acd.engine.AcdException("invalid_state", "state",
                    "You are not logged in to any queue");
        }
    }
}
