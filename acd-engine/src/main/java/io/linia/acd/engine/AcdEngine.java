package io.linia.acd.engine;

import io.linia.acd.engine.AcdEvent.AgentMembershipChanged;
import io.linia.acd.engine.AcdEvent.AgentStateChanged;
import io.linia.acd.engine.AcdEvent.CallAbandoned;
import io.linia.acd.engine.AcdEvent.CallCompleted;
import io.linia.acd.engine.AcdEvent.CallConnected;
import io.linia.acd.engine.AcdEvent.CallHeld;
import io.linia.acd.engine.AcdEvent.CallOffered;
import io.linia.acd.engine.AcdEvent.CallOverflowed;
import io.linia.acd.engine.AcdEvent.CallQueued;
import io.linia.acd.engine.AcdEvent.CallResumed;
import io.linia.acd.engine.AcdEvent.CallTimedOut;
import io.linia.acd.engine.AcdEvent.CallTransferred;
import io.linia.acd.engine.AcdEvent.CallbackRequested;
import io.linia.acd.engine.AcdEvent.CallDialled;
import io.linia.acd.engine.AcdEvent.ConsultEnded;
import io.linia.acd.engine.AcdEvent.ConsultStarted;
import io.linia.acd.engine.AcdEvent.OutboundConnected;
import io.linia.acd.engine.AcdEvent.OutboundNotAnswered;
import io.linia.acd.engine.AcdEvent.RingNoAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The ACD of one tenant (ARCHITECTURE.md "Calls and the ACD"): a deterministic state machine.
 * Each input names the instant it happens; the engine updates its state, and reports the
 * commands for the switch and the events that happened to its {@link AcdListener}, in order.
 * It never blocks, never does I/O and never reads a clock, so the same inputs always give the
 * same outputs (replay, tests on virtual time).
 *
 * <p>Time-outs (ring-no-answer, maximum wait, wrap-up, the next announcement to a waiting
 * caller) are internal timers: the host calls {@link #advanceTo(Instant)} when
 * {@link #nextDeadline()} comes, and every input first fires the timers due up to its instant.
 *
 * <p>Work conservation: whenever an agent becomes free or a call starts waiting, the engine
 * matches at once, so no agent is ever free while a call it could take is waiting.
 *
 * <p>Not thread-safe: one tenant's engine is owned by one thread at a time (single writer).
 */
public final class AcdEngine {

    private final AcdListener out;
    private final SplittableRandom random;
    private final Map<String, QueueState> queues = new HashMap<>();
    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<String, Call> calls = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long sequence;
    /** Sequence numbers below every other: a call put back at the head of its line (WS-3). */
    private long headSequence;
    private Instant now = Instant.EPOCH;

    /**
     * @param listener receives commands and events
     * @param seed     seeds the {@link Strategy#RANDOM} choice, so runs repeat exactly
     */
    public AcdEngine(AcdListener listener, long seed) {
        this.out = Objects.requireNonNull(listener, "listener");
        this.random = new SplittableRandom(seed);
    }

    // ------------------------------------------------------------------ configuration

    /** Adds a queue or changes one live (ACD-9): waiting calls stay, in their order. */
    public void configureQueue(QueueConfig config, Instant at) {
        moveTo(at);
        if (config.overflow().kind() == Overflow.Kind.QUEUE && !queues.containsKey(config.overflow().target())) {
            throw new AcdException("unknown_queue", "overflow.target", "No queue " + config.overflow().target());
        }
        QueueState q = queues.get(config.id());
        if (q == null) {
            queues.put(config.id(), new QueueState(config));
        } else {
            q.config = config;
            for (Call c : q.waiting) {
                rescheduleMaxWait(c);
                if (c.announceTimer == null && !c.callback) {
                    scheduleAnnouncement(c); // announcements switched on: the callers in line hear them from now
                }
            }
        }
        dispatchAll();
    }

    /** Removes a queue nobody waits in; its members leave it. */
    public void removeQueue(String queueId, Instant at) {
        moveTo(at);
        QueueState q = queue(queueId);
        if (!q.waiting.isEmpty() || calls.values().stream().anyMatch(c -> c.queue == q)) {
            throw new AcdException("queue_busy", "queueId", "Calls are still in queue " + queueId);
        }
        for (QueueState other : queues.values()) {
            Overflow o = other.config.overflow();
            if (other != q && o.kind() == Overflow.Kind.QUEUE && o.target().equals(queueId)) {
                throw new AcdException("queue_in_use", "queueId", "Queue " + other.config.id() + " overflows into it");
            }
        }
        for (Agent a : new ArrayList<>(q.members)) {
            leave(a, q);
        }
        queues.remove(queueId);
    }

    /** Adds an agent (offline, in no queue) or replaces its skills live. */
    public void defineAgent(String agentId, Map<String, Integer> skills, Instant at) {
        moveTo(at);
        if (agentId == null || agentId.isBlank()) {
            throw new AcdException("required", "agentId", "An agent needs an id");
        }
        Map<String, Integer> copy = skills == null ? Map.of() : Map.copyOf(skills);
        copy.forEach((skill, level) -> {
            if (level == null || level < 1 || level > 10) {
                throw new AcdException("range", "skills." + skill, "A skill level is 1..10");
            }
        });
        Agent a = agents.get(agentId);
        if (a == null) {
            agents.put(agentId, new Agent(agentId, copy, at));
        } else {
            a.skills = copy;
            if (a.state == AgentState.FREE) {
                offerTo(a);
            }
        }
    }

    // ------------------------------------------------------------------ agents

    /** The agent joins a queue (ACD-2); an offline agent becomes free. */
    public void join(String agentId, String queueId, Instant at) {
        moveTo(at);
        Agent a = agent(agentId);
        QueueState q = queue(queueId);
        if (!a.queues.add(q)) {
            return;
        }
        q.members.add(a);
        out.event(new AgentMembershipChanged(a.id, q.config.id(), true, now));
        if (a.state == AgentState.OFFLINE) {
            a.freeSince = now;
            setState(a, AgentState.FREE, null);
        }
        if (a.state == AgentState.FREE) {
            offerTo(a);
        }
    }

    /** The agent leaves a queue; leaving the last one makes it offline (after its current call). */
    public void leave(String agentId, String queueId, Instant at) {
        moveTo(at);
        Agent a = agent(agentId);
        leave(a, queue(queueId));
    }

    /** The agent leaves every queue and goes offline (when not on a call). */
    public void logout(String agentId, Instant at) {
        moveTo(at);
        Agent a = agent(agentId);
        for (QueueState q : new ArrayList<>(a.queues)) {
            leave(a, q);
        }
    }

    /** Free (ready) again: from pause or from wrap-up before its time is over. */
    public void ready(String agentId, Instant at) {
        moveTo(at);
        Agent a = agent(agentId);
        switch (a.state) {
            case PAUSED, WRAP_UP -> {
                cancel(a.wrapTimer);
                a.wrapTimer = null;
                becomeFree(a);
            }
            case FREE -> { }
            default -> throw new AcdException("invalid_state", "state",
                    "Agent " + agentId + " is " + a.state + " and cannot become free now");
        }
    }

    /** Pause with a reason (ACD-3). Allowed when free or in wrap-up; a ringing call moves on. */
    public void pause(String agentId, String reason, Instant at) {
        moveTo(at);
        Agent a = agent(agentId);
        switch (a.state) {
            case FREE, WRAP_UP, PAUSED -> {
                cancel(a.wrapTimer);
                a.wrapTimer = null;
                setState(a, AgentState.PAUSED, reason);
            }
            case RINGING -> {
                Call c = a.call;
                stopRinging(c, a);
                setState(a, AgentState.PAUSED, reason);
                requeueIfUnattended(c);
            }
            default -> throw new AcdException("invalid_state", "state",
                    "Agent " + agentId + " is " + a.state + " and cannot pause now");
        }
    }

    // ------------------------------------------------------------------ calls

    /**
     * A call arrives in a queue (after the IVR). Rejected or overflowed at once when the queue
     * is full or, if so configured, when no agent is logged in.
     *
     * @param priority higher is served first within the queue (VIP), 0 = normal
     */
    public void callArrived(String callId, String queueId, int priority, Instant at) {
        moveTo(at);
        if (callId == null || callId.isBlank()) {
            throw new AcdException("required", "callId", "A call needs an id");
        }
        if (calls.containsKey(callId)) {
            throw new AcdException("duplicate_call", "callId", "Call " + callId + " is already in the ACD");
        }
        QueueState q = queue(queueId);
        Call c = new Call(callId, priority, now, ++sequence);
        calls.put(callId, c);
        enter(c, q);
    }

    /** The caller hung up: an abandon while waiting or ringing, a completion when connected. */
    public void callerHungUp(String callId, Instant at) {
        moveTo(at);
        Call c = call(callId);
        if (c.kind != CallKind.INBOUND) {
            endLeg(c, EndedBy.CALLER, "hangup");
            return;
        }
        switch (c.status) {
            case WAITING, RINGING -> {
                int position = position(c);
                List<Agent> rang = new ArrayList<>(c.ringing);
                rang.forEach(a -> stopRinging(c, a));
                c.queue.waiting.remove(c);
                cancel(c.maxWaitTimer);
                cancel(c.announceTimer);
                calls.remove(c.id);
                out.event(new CallAbandoned(c.id, c.queue.config.id(), position, Duration.between(c.arrivedAt, now), now));
                rang.forEach(this::becomeFree);
            }
            case CALLBACK -> {
                // the caller was released already; a hang-up now is the end of a callback attempt
                c.queue.waiting.remove(c);
                cancel(c.maxWaitTimer);
                cancel(c.announceTimer);
                calls.remove(c.id);
            }
            case CONNECTED, HELD -> complete(c, EndedBy.CALLER);
            default -> throw new AcdException("invalid_state", "callId", "Call " + callId + " is " + c.status);
        }
    }

    /** The agent picked up a ringing call (or the callback was answered). */
    public void agentAnswered(String agentId, String callId, Instant at) {
        moveTo(at);
        Agent a = agent(agentId);
        Call c = call(callId);
        if (a.state != AgentState.RINGING || a.call != c) {
            throw new AcdException("not_ringing", "callId", "Call " + callId + " is not ringing at agent " + agentId);
        }
        cancel(a.ringTimer);
        a.ringTimer = null;
        c.ringing.remove(a);
        List<Agent> others = new ArrayList<>(c.ringing);
        others.forEach(other -> stopRinging(c, other));
        if (c.queue != null) {
            c.queue.waiting.remove(c);
            if (c.kind == CallKind.INBOUND) {
                a.answered.merge(c.queue.config.id(), 1, Integer::sum);
            }
        }
        cancel(c.maxWaitTimer);
        cancel(c.announceTimer);
        c.direct = false;
        c.status = CallStatus.CONNECTED;
        c.agent = a;
        c.connectedAt = now;
        setState(a, AgentState.TALKING, null);
        out.event(new CallConnected(c.id, queueId(c), a.id, Duration.between(c.arrivedAt, now), now));
        others.forEach(this::becomeFree);
    }

    /** The agent hung up a connected call: complete by agent. */
    public void agentHungUp(String agentId, String callId, Instant at) {
        moveTo(at);
        Agent a = agent(agentId);
        Call c = call(callId);
        if (c.kind != CallKind.INBOUND && (c.owner == a || (c.agent == a && c.status == CallStatus.CONNECTED))) {
            // the placing agent ends its call; the consulted agent hanging up is the far end
            endLeg(c, c.owner == a ? EndedBy.AGENT : EndedBy.CALLER, c.owner == a ? "cancel" : "hangup");
            return;
        }
        if (c.agent != a || (c.status != CallStatus.CONNECTED && c.status != CallStatus.HELD)) {
            throw new AcdException("not_connected", "callId", "Agent " + agentId + " is not on call " + callId);
        }
        complete(c, EndedBy.AGENT);
    }

    public void hold(String agentId, String callId, Instant at) {
        moveTo(at);
        Call c = connectedCall(agentId, callId, CallStatus.CONNECTED);
        c.status = CallStatus.HELD;
        setState(c.agent, AgentState.HOLD, null);
        out.event(new CallHeld(c.id, agentId, now));
    }

    public void resume(String agentId, String callId, Instant at) {
        moveTo(at);
        Call c = connectedCall(agentId, callId, CallStatus.HELD);
        notConsulting(c.agent);
        c.status = CallStatus.CONNECTED;
        setState(c.agent, AgentState.TALKING, null);
        out.event(new CallResumed(c.id, agentId, now));
    }

    /** Blind transfer of a connected call into another queue; the agent goes to wrap-up. */
    public void transferToQueue(String agentId, String callId, String queueId, Instant at) {
        moveTo(at);
        Call c = agentsCall(agentId, callId);
        QueueState target = queue(queueId);
        Agent a = c.agent;
        QueueState from = c.queue;
        out.event(new CallTransferred(c.id, from.config.id(), a.id, target.config.id(), now));
        a.call = null;
        c.agent = null;
        c.connectedAt = null;
        afterCall(a, from);
        enter(c, target);
    }

    /**
     * Blind transfer to another agent (WS-3): the target must be free (logged in, not on a call,
     * not paused), else {@code agent_unavailable}. The call rings the target for the ring time of
     * the call's queue; unanswered it goes back to that queue at the head of its line (before
     * every call of its priority). The transferring agent goes to wrap-up at once.
     */
    public void transferToAgent(String agentId, String callId, String targetAgentId, Instant at) {
        moveTo(at);
        Call c = agentsCall(agentId, callId);
        Agent target = agent(targetAgentId);
        requireFree(target, c.agent, "agentId");
        Agent a = c.agent;
        out.event(new CallTransferred(c.id, c.queue.config.id(), a.id, null, "agent", target.id, now));
        a.call = null;
        c.agent = null;
        c.connectedAt = null;
        afterCall(a, c.queue);
        c.ringTimeout = c.queue.config.ringTimeout();
        ringDirect(c, target);
    }

    /** Blind transfer out to an external number: the switch sends the caller there; the call leaves the ACD. */
    public void transferToNumber(String agentId, String callId, String number, Instant at) {
        moveTo(at);
        Call c = agentsCall(agentId, callId);
        requireNumber(number);
        Agent a = c.agent;
        out.event(new CallTransferred(c.id, c.queue.config.id(), a.id, null, "number", number, now));
        calls.remove(c.id);
        a.call = null;
        c.agent = null;
        out.command(new Command.TransferOut(c.id, number));
        afterCall(a, c.queue);
    }

    /**
     * The agent calls an external number (outbound, WS-3, TEL-1). Allowed when the agent is
     * free, paused, in wrap-up or offline (a paused operator may dial); never while ringing or on
     * a call. The agent is {@code DIALING} (offered no queue call) until the far end answers
     * ({@link #farEndAnswered}), then {@code TALKING}; after the call: paused again with the same
     * reason if it was paused, otherwise wrap-up as after a queue call (the longest wrap-up of its
     * queues), offline when in no queue.
     */
    public void dial(String agentId, String callId, String number, Instant at) {
        moveTo(at);
        Agent a = agent(agentId);
        newCallId(callId);
        requireNumber(number);
        switch (a.state) {
            case FREE, PAUSED, WRAP_UP, OFFLINE -> { }
            default -> throw new AcdException("agent_busy", "state",
                    "Agent " + agentId + " is " + a.state + " and cannot dial now");
        }
        cancel(a.wrapTimer);
        a.wrapTimer = null;
        a.before = a.state;
        a.beforeReason = a.reason;
        Call c = new Call(callId, 0, now, ++sequence);
        c.kind = CallKind.OUTBOUND;
        c.owner = a;
        c.status = CallStatus.DIALING;
        calls.put(callId, c);
        a.call = c;
        setState(a, AgentState.DIALING, null);
        out.event(new CallDialled(callId, a.id, "number", number, null, now));
        out.command(new Command.Dial(callId, a.id, number));
    }

    /** The far end of an agent's call to a number answered (outbound: the agent talks; consultation: it consults). */
    public void farEndAnswered(String callId, Instant at) {
        moveTo(at);
        Call c = call(callId);
        if (c.kind == CallKind.INBOUND || c.status != CallStatus.DIALING) {
            throw new AcdException("not_dialing", "callId", "Call " + callId + " is not ringing out");
        }
        c.status = CallStatus.CONNECTED;
        c.connectedAt = now;
        if (c.kind == CallKind.OUTBOUND) {
            setState(c.owner, AgentState.TALKING, null);
        }
        out.event(new OutboundConnected(c.id, c.owner.id, now));
    }

    /** Consultation with another agent, who must be free: the caller is held, the leg rings the agent. */
    public void consultAgent(String agentId, String callId, String consultId, String targetAgentId, Instant at) {
        moveTo(at);
        Call c = agentsCall(agentId, callId);
        newCallId(consultId);
        Agent target = agent(targetAgentId);
        requireFree(target, c.agent, "agentId");
        Call leg = startConsult(c, consultId, "agent", target.id);
        out.command(new Command.PlaceInternal(leg.id, c.agent.id));
        leg.ringTimeout = c.queue.config.ringTimeout();
        ringDirect(leg, target);
    }

    /** Consultation with a queue: the leg waits in the queue like a call and is offered by its strategy. */
    public void consultQueue(String agentId, String callId, String consultId, String queueId, Instant at) {
        moveTo(at);
        Call c = agentsCall(agentId, callId);
        newCallId(consultId);
        QueueState q = queue(queueId);
        Call leg = startConsult(c, consultId, "queue", q.config.id());
        out.command(new Command.PlaceInternal(leg.id, c.agent.id));
        enter(leg, q);
    }

    /** Consultation with an external number: the switch dials it from the agent's phone. */
    public void consultNumber(String agentId, String callId, String consultId, String number, Instant at) {
        moveTo(at);
        Call c = agentsCall(agentId, callId);
        newCallId(consultId);
        requireNumber(number);
        Call leg = startConsult(c, consultId, "number", number);
        leg.status = CallStatus.DIALING;
        out.command(new Command.Dial(leg.id, c.agent.id, number));
    }

    /**
     * Attended transfer done: the held caller is connected with the consulted party (which
     * must have answered, else {@code consult_not_connected}); the agent goes to wrap-up. A
     * consulted agent now has the call; a consulted number takes the caller out of the ACD.
     */
    public void completeConsult(String agentId, String callId, Instant at) {
        moveTo(at);
        Call c = consultedCall(agentId, callId);
        Agent a = c.agent;
        Call leg = a.consult;
        if (leg.status != CallStatus.CONNECTED) {
            throw new AcdException("consult_not_connected", "callId", "The consulted party has not answered yet");
        }
        Agent b = leg.agent;
        calls.remove(leg.id);
        a.consult = null;
        a.call = null;
        out.event(new CallCompleted(leg.id, queueId(leg), b != null ? b.id : a.id, EndedBy.AGENT,
                Duration.between(leg.connectedAt, now), now));
        out.command(new Command.Connect(c.id, leg.id));
        if (b != null) {
            b.call = c;
            c.agent = b;
            c.status = CallStatus.CONNECTED;
            out.event(new ConsultEnded(c.id, a.id, leg.id, "complete", b.id, null, now));
        } else {
            calls.remove(c.id);
            c.agent = null;
            out.event(new ConsultEnded(c.id, a.id, leg.id, "complete", null, leg.target, now));
        }
        afterCall(a, c.queue);
    }

    /** The agent ends the consultation and is back with the caller, who stays on hold until {@link #resume}. */
    public void cancelConsult(String agentId, String callId, Instant at) {
        moveTo(at);
        Call c = consultedCall(agentId, callId);
        Call leg = c.agent.consult;
        endLeg(leg, EndedBy.AGENT, "cancel");
        out.command(new Command.HangUp(leg.id));
    }

    /** The caller chose to be called back (virtual hold, ACD-7): released, the place kept. */
    public void requestCallback(String callId, Instant at) {
        moveTo(at);
        Call c = call(callId);
        if (c.status != CallStatus.WAITING) {
            throw new AcdException("invalid_state", "callId", "Only a waiting call can ask for a callback");
        }
        toCallback(c);
    }

    // ------------------------------------------------------------------ time

    /** Fires every timer due up to {@code at}, each at its own instant. */
    public void advanceTo(Instant at) {
        moveTo(at);
    }

    /** When the next timer is due, if any. */
    public Optional<Instant> nextDeadline() {
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll();
        }
        return timers.isEmpty() ? Optional.empty() : Optional.of(timers.peek().due);
    }

    // ------------------------------------------------------------------ reading

    public AgentState agentState(String agentId) {
        return agent(agentId).state;
    }

    /** Calls waiting (or ringing, or waiting for a callback) in the queue, first in line first. */
    public List<String> waiting(String queueId) {
        return queue(queueId).waiting.stream().map(c -> c.id).toList();
    }

    /** Calls in line that no agent is being offered right now (ringing calls excluded). */
    public List<String> unattended(String queueId) {
        return queue(queueId).waiting.stream()
                .filter(c -> c.status == CallStatus.WAITING || c.status == CallStatus.CALLBACK)
                .map(c -> c.id).toList();
    }

    public Set<String> members(String queueId) {
        Set<String> ids = new LinkedHashSet<>();
        queue(queueId).members.forEach(a -> ids.add(a.id));
        return ids;
    }

    /** When the longest-waiting call in the queue first arrived (its total wait runs from there). */
    public Optional<Instant> longestWaitingSince(String queueId) {
        return queue(queueId).waiting.stream().map(c -> c.arrivedAt).min(Instant::compareTo);
    }

    /** The music-on-hold class of the queue the call is in (ACD-1); empty when the call is in none. */
    public Optional<String> mohClass(String callId) {
        Call c = calls.get(callId);
        return c == null || c.queue == null ? Optional.empty() : Optional.of(c.queue.config.waiting().mohClass());
    }

    /** The consultation leg of the agent's held call, if the agent is consulting. */
    public Optional<String> consultCall(String agentId) {
        Call leg = agent(agentId).consult;
        return leg == null ? Optional.empty() : Optional.of(leg.id);
    }

    /** The agent who placed the call, for an outbound call or a consultation leg. */
    public Optional<String> placedBy(String callId) {
        Call c = calls.get(callId);
        return c == null || c.owner == null ? Optional.empty() : Optional.of(c.owner.id);
    }

    /** True while an agent's call to a number rings out. */
    public boolean dialing(String callId) {
        Call c = calls.get(callId);
        return c != null && c.status == CallStatus.DIALING;
    }

    /** The call ringing at or connected to the agent, if any. */
    public Optional<String> currentCall(String agentId) {
        Call c = agent(agentId).call;
        return c == null ? Optional.empty() : Optional.of(c.id);
    }

    public boolean hasAgent(String agentId) {
        return agents.containsKey(agentId);
    }

    public int answeredBy(String agentId, String queueId) {
        return agent(agentId).answered.getOrDefault(queueId, 0);
    }

    public boolean hasQueue(String queueId) {
        return queues.containsKey(queueId);
    }

    public boolean hasCall(String callId) {
        return calls.containsKey(callId);
    }

    public Instant now() {
        return now;
    }

    // ================================================================== internals

    private enum CallStatus { WAITING, RINGING, CALLBACK, CONNECTED, HELD, DIALING }

    /** An inbound call, an agent's outbound call, or the consultation leg of a held call. */
    private enum CallKind { INBOUND, OUTBOUND, CONSULT }

    private static final class Call {
        final String id;
        final int priority;
        final Instant arrivedAt;
        long seq;
        CallKind kind = CallKind.INBOUND;
        /** The agent who placed an outbound call or consultation leg. */
        Agent owner;
        /** The held call a consultation leg belongs to. */
        Call parent;
        /** What a consultation leg calls: the number, agent id or queue id. */
        String target;
        /** Rings one agent outside the queue's routing (transfer or consultation to an agent). */
        boolean direct;
        Duration ringTimeout;
        QueueState queue;
        CallStatus status = CallStatus.WAITING;
        boolean callback;
        final Set<Agent> ringing = new LinkedHashSet<>();
        final Set<Agent> missedBy = new LinkedHashSet<>();
        Agent agent;
        Instant connectedAt;
        Timer maxWaitTimer;
        /** The next announcement of place and expected wait (ACD-1), while the queue makes them. */
        Timer announceTimer;
        Instant queuedAt;

        Call(String id, int priority, Instant arrivedAt, long seq) {
            this.id = id;
            this.priority = priority;
            this.arrivedAt = arrivedAt;
            this.seq = seq;
        }
    }

    private static final class Agent {
        final String id;
        Map<String, Integer> skills;
        AgentState state = AgentState.OFFLINE;
        Instant freeSince;
        final Set<QueueState> queues = new LinkedHashSet<>();
        final Map<String, Integer> answered = new HashMap<>();
        Call call;
        Timer ringTimer;
        Timer wrapTimer;
        QueueState wrapQueue;
        String reason;
        /** The consultation leg of the agent's held call. */
        Call consult;
        /** State and reason before the agent dialled out, to return to a pause after the call. */
        AgentState before;
        String beforeReason;

        Agent(String id, Map<String, Integer> skills, Instant at) {
            this.id = id;
            this.skills = skills;
            this.freeSince = at;
        }
    }

    private static final class QueueState {
        QueueConfig config;
        /** In line: higher call priority first, then arrival order. */
        final TreeSet<Call> waiting = new TreeSet<>((x, y) -> {
            int p = Integer.compare(y.priority, x.priority);
            return p != 0 ? p : Long.compare(x.seq, y.seq);
        });
        /** In joining order (round robin walks it). */
        final LinkedHashSet<Agent> members = new LinkedHashSet<>();
        String lastOffered;
        /**
         * Recent average handle time (talk + the queue's wrap-up) in seconds, weighted 1/4 for each
         * new call as Asterisk's queue hold time is; negative until a call of the queue was handled.
         */
        double handleSeconds = -1;

        QueueState(QueueConfig config) {
            this.config = config;
        }
    }

    private static final class Timer implements Comparable<Timer> {
        final Instant due;
        final long seq;
        final Runnable action;
        boolean cancelled;

        Timer(Instant due, long seq, Runnable action) {
            this.due = due;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public int compareTo(Timer o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** Fires due timers up to {@code at}, then sets the engine's time. Time never runs back. */
    private void moveTo(Instant at) {
        Objects.requireNonNull(at, "at");
        if (at.isBefore(now)) {
            throw new AcdException("time_went_back", "at", "Input at " + at + " is before the engine's time " + now);
        }
        while (true) {
            Timer t = timers.peek();
            if (t == null || t.due.isAfter(at)) {
                break;
            }
            timers.poll();
            if (!t.cancelled) {
                now = t.due;
                t.action.run();
            }
        }
        now = at;
    }

    private Timer schedule(Duration after, Runnable action) {
        Timer t = new Timer(now.plus(after), ++sequence, action);
        timers.add(t);
        return t;
    }

    private static void cancel(Timer t) {
        if (t != null) {
            t.cancelled = true;
        }
    }

    private QueueState queue(String id) {
        QueueState q = id == null ? null : queues.get(id);
        if (q == null) {
            throw new AcdException("unknown_queue", "queueId", "No queue " + id);
        }
        return q;
    }

    private Agent agent(String id) {
        Agent a = id == null ? null : agents.get(id);
        if (a == null) {
            throw new AcdException("unknown_agent", "agentId", "No agent " + id);
        }
        return a;
    }

    private Call call(String id) {
        Call c = id == null ? null : calls.get(id);
        if (c == null) {
            throw new AcdException("unknown_call", "callId", "No call " + id + " in the ACD");
        }
        return c;
    }

    private Call connectedCall(String agentId, String callId, CallStatus expected) {
        agent(agentId);
        Call c = call(callId);
        if (c.agent == null || !c.agent.id.equals(agentId) || c.status != expected) {
            throw new AcdException("invalid_state", "callId", "Call " + callId + " is not " + expected
                    + " at agent " + agentId);
        }
        return c;
    }

    private void setState(Agent a, AgentState to, String reason) {
        AgentState from = a.state;
        a.state = to;
        a.reason = to == AgentState.PAUSED ? reason : null;
        if (from != to || to == AgentState.PAUSED) {
            out.event(new AgentStateChanged(a.id, from, to, reason, now));
        }
    }

    private void leave(Agent a, QueueState q) {
        if (!a.queues.remove(q)) {
            return;
        }
        q.members.remove(a);
        out.event(new AgentMembershipChanged(a.id, q.config.id(), false, now));
        if (a.state == AgentState.RINGING && a.call != null
                && (a.call.queue == q || (a.call.direct && a.queues.isEmpty()))) {
            Call c = a.call;
            stopRinging(c, a);
            setState(a, AgentState.FREE, null);
            requeueIfUnattended(c);
        }
        if (a.queues.isEmpty() && (a.state == AgentState.FREE || a.state == AgentState.PAUSED
                || a.state == AgentState.WRAP_UP)) {
            cancel(a.wrapTimer);
            a.wrapTimer = null;
            setState(a, AgentState.OFFLINE, null);
        }
        if (a.state == AgentState.FREE) {
            offerTo(a);
        }
    }

    /** Puts a call in line in {@code q}, or overflows it when the queue cannot take it. */
    private void enter(Call c, QueueState q) {
        QueueConfig cfg = q.config;
        c.queue = q;
        c.status = CallStatus.WAITING;
        c.callback = false;
        c.missedBy.clear();
        c.queuedAt = now;
        if (cfg.maxLength() > 0 && q.waiting.size() >= cfg.maxLength()) {
            overflow(c, "queue_full");
            return;
        }
        if (cfg.overflowWhenNoAgents() && q.members.isEmpty()) {
            overflow(c, "no_agents");
            return;
        }
        q.waiting.add(c);
        out.event(new CallQueued(c.id, cfg.id(), position(c), c.priority, now));
        rescheduleMaxWait(c);
        cancel(c.announceTimer);
        c.announceTimer = null;
        scheduleAnnouncement(c);
        offer(c);
    }

    /**
     * The next announcement of the call's place and expected wait, one interval from now, when its
     * queue makes them. One timer per waiting call (a heap insert, O(log n)); it re-arms itself
     * while the call waits and dies with the call's wait (bridged, abandoned, overflowed, called back).
     */
    private void scheduleAnnouncement(Call c) {
        QueueConfig.Waiting w = c.queue.config.waiting();
        if (!w.announces() || c.kind != CallKind.INBOUND) {
            return;
        }
        QueueState q = c.queue;
        c.announceTimer = schedule(w.announceEvery(), () -> {
            c.announceTimer = null;
            if (calls.get(c.id) != c || c.queue != q || c.callback
                    || (c.status != CallStatus.WAITING && c.status != CallStatus.RINGING)) {
                return; // the wait is over
            }
            if (c.status == CallStatus.WAITING && q.config.waiting().announces()) {
                announce(c); // not while an agent's phone rings: it may be picked up any moment
            }
            scheduleAnnouncement(c);
        });
    }

    private void announce(Call c) {
        QueueState q = c.queue;
        QueueConfig.Waiting w = q.config.waiting();
        int position = position(c);
        out.command(new Command.Announce(c.id, q.config.id(), w.announcePosition() ? position : null,
                w.announceExpectedWait() ? expectedWaitMinutes(q, position) : null));
    }

    /**
     * The expected wait of the caller at {@code position}: position × the queue's recent average
     * handle time ÷ the agents serving it (members not paused, not offline), rounded up to whole
     * minutes, at least 1. Unknown ({@code null}) before a call of the queue was handled or while
     * nobody serves it.
     */
    private static Integer expectedWaitMinutes(QueueState q, int position) {
        if (q.handleSeconds < 0) {
            return null;
        }
        int serving = 0;
        for (Agent a : q.members) {
            if (a.state != AgentState.PAUSED && a.state != AgentState.OFFLINE) {
                serving++;
            }
        }
        if (serving == 0) {
            return null;
        }
        double seconds = position * q.handleSeconds / serving;
        return (int) Math.max(1, Math.ceil(seconds / 60));
    }

    /** A call of the queue was handled: the average handle time moves a quarter of the way to it. O(1). */
    private static void handled(QueueState q, Duration talk) {
        double seconds = talk.toMillis() / 1000.0 + q.config.wrapUp().toSeconds();
        q.handleSeconds = q.handleSeconds < 0 ? seconds : (q.handleSeconds * 3 + seconds) / 4;
    }

    private void rescheduleMaxWait(Call c) {
        cancel(c.maxWaitTimer);
        c.maxWaitTimer = null;
        Duration maxWait = c.queue.config.maxWait();
        if (maxWait == null || c.queue.config.overflow().kind() == Overflow.Kind.NONE || c.callback) {
            return;
        }
        Instant due = c.queuedAt.plus(maxWait);
        Duration left = due.isAfter(now) ? Duration.between(now, due) : Duration.ZERO;
        c.maxWaitTimer = schedule(left, () -> {
            c.maxWaitTimer = null;
            if (c.status != CallStatus.WAITING && c.status != CallStatus.RINGING) {
                return;
            }
            List<Agent> rang = new ArrayList<>(c.ringing);
            rang.forEach(a -> stopRinging(c, a));
            c.queue.waiting.remove(c);
            out.event(new CallTimedOut(c.id, c.queue.config.id(), Duration.between(c.arrivedAt, now), now));
            overflow(c, "timeout");
            rang.forEach(this::becomeFree);
        });
    }

    /** The call leaves its queue for the queue's overflow. It is no longer in line there. */
    private void overflow(Call c, String reason) {
        if (c.kind != CallKind.INBOUND) {
            // a consultation leg the queue cannot take ends as unanswered; the agent is back with the caller
            c.queue.waiting.remove(c);
            endLeg(c, EndedBy.CALLER, "no_answer");
            out.command(new Command.HangUp(c.id));
            return;
        }
        QueueState from = c.queue;
        Overflow o = from.config.overflow();
        out.event(new CallOverflowed(c.id, from.config.id(), reason, o, now));
        switch (o.kind()) {
            case QUEUE -> {
                QueueState target = queues.get(o.target());
                if (target == null) {
                    calls.remove(c.id);
                    out.command(new Command.Reject(c.id, from.config.id(), "overflow_queue_missing"));
                } else {
                    enter(c, target);
                }
            }
            case VOICEMAIL -> {
                calls.remove(c.id);
                out.command(new Command.SendToVoicemail(c.id, from.config.id()));
            }
            case MESSAGE -> {
                calls.remove(c.id);
                out.command(new Command.PlayMessageAndRelease(c.id, o.target()));
            }
            case CALLBACK -> {
                from.waiting.add(c);
                toCallback(c);
            }
            case NONE -> {
                calls.remove(c.id);
                out.command(new Command.Reject(c.id, from.config.id(), reason));
            }
        }
    }

    private void toCallback(Call c) {
        c.callback = true;
        c.status = CallStatus.CALLBACK;
        cancel(c.maxWaitTimer);
        cancel(c.announceTimer);
        c.maxWaitTimer = null;
        out.event(new CallbackRequested(c.id, c.queue.config.id(), now));
        out.command(new Command.ReleaseForCallback(c.id, c.queue.config.id()));
        offer(c);
    }

    /** Position in line, 1-based. */
    private static int position(Call c) {
        return c.queue.waiting.headSet(c, false).size() + 1;
    }

    private static boolean eligible(Agent a, QueueState q) {
        if (a.state != AgentState.FREE) {
            return false;
        }
        for (Map.Entry<String, Integer> need : q.config.requiredSkills().entrySet()) {
            Integer level = a.skills.get(need.getKey());
            if (level == null || level < need.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The agent's summed level over the queue's required skills (skills-based routing). */
    private static int skillScore(Agent a, QueueState q) {
        int score = 0;
        for (String skill : q.config.requiredSkills().keySet()) {
            score += a.skills.getOrDefault(skill, 0);
        }
        return score;
    }

    /** A waiting call looks for agents in its queue, by the queue's strategy. */
    private void offer(Call c) {
        if (c.status == CallStatus.CONNECTED || c.status == CallStatus.HELD) {
            return;
        }
        if (c.status == CallStatus.RINGING && c.queue.config.strategy() != Strategy.RING_ALL) {
            return;
        }
        QueueState q = c.queue;
        List<Agent> free = new ArrayList<>();
        for (Agent a : q.members) {
            if (eligible(a, q) && !c.ringing.contains(a)) {
                free.add(a);
            }
        }
        if (free.isEmpty()) {
            return;
        }
        // an agent who let this call ring out is asked again only when nobody else is free
        List<Agent> fresh = free.stream().filter(a -> !c.missedBy.contains(a)).toList();
        List<Agent> candidates = fresh.isEmpty() ? free : fresh;
        if (q.config.strategy() == Strategy.RING_ALL && !c.callback) {
            for (Agent a : candidates) {
                ring(c, a);
            }
        } else {
            ring(c, choose(q, candidates));
        }
    }

    private Agent choose(QueueState q, List<Agent> candidates) {
        switch (q.config.strategy()) {
            case ROUND_ROBIN -> {
                List<Agent> order = new ArrayList<>(q.members);
                int start = 0;
                if (q.lastOffered != null) {
                    for (int i = 0; i < order.size(); i++) {
                        if (order.get(i).id.equals(q.lastOffered)) {
                            start = i + 1;
                            break;
                        }
                    }
                }
                for (int k = 0; k < order.size(); k++) {
                    Agent a = order.get((start + k) % order.size());
                    if (candidates.contains(a)) {
                        return a;
                    }
                }
                return candidates.get(0);
            }
            case FEWEST_CALLS -> {
                String qid = q.config.id();
                return candidates.stream().min((x, y) -> {
                    int c = Integer.compare(x.answered.getOrDefault(qid, 0), y.answered.getOrDefault(qid, 0));
                    return c != 0 ? c : longestIdleFirst(x, y);
                }).orElseThrow();
            }
            case RANDOM -> {
                return candidates.get(random.nextInt(candidates.size()));
            }
            case SKILLS_BASED -> {
                return candidates.stream().min((x, y) -> {
                    int c = Integer.compare(skillScore(y, q), skillScore(x, q));
                    return c != 0 ? c : longestIdleFirst(x, y);
                }).orElseThrow();
            }
            default -> {
                return candidates.stream().min(AcdEngine::longestIdleFirst).orElseThrow();
            }
        }
    }

    private static int longestIdleFirst(Agent x, Agent y) {
        int c = x.freeSince.compareTo(y.freeSince);
        return c != 0 ? c : x.id.compareTo(y.id);
    }

    private void ring(Call c, Agent a) {
        c.status = CallStatus.RINGING;
        c.ringing.add(a);
        a.call = c;
        c.queue.lastOffered = a.id;
        setState(a, AgentState.RINGING, null);
        out.event(new AcdEvent.CallOffered(c.id, c.queue.config.id(), a.id, now));
        if (c.callback) {
            out.command(new Command.CallBack(c.id, a.id, c.queue.config.id()));
        } else {
            out.command(new Command.RingAgent(c.id, a.id, c.queue.config.id()));
        }
        a.ringTimer = schedule(c.queue.config.ringTimeout(), () -> ringNoAnswer(c, a));
    }

    private void ringNoAnswer(Call c, Agent a) {
        a.ringTimer = null;
        if (a.call != c || a.state != AgentState.RINGING) {
            return;
        }
        stopRinging(c, a);
        c.missedBy.add(a);
        out.event(new RingNoAnswer(c.id, c.queue.config.id(), a.id, now));
        if (c.queue.config.pauseOnNoAnswer()) {
            setState(a, AgentState.PAUSED, "no_answer");
        } else {
            a.freeSince = now;
            setState(a, AgentState.FREE, null);
        }
        requeueIfUnattended(c);
        if (a.state == AgentState.FREE) {
            offerTo(a);
        }
    }

    /** Stops ringing one agent for the call (the agent's state is the caller's business). */
    private void stopRinging(Call c, Agent a) {
        cancel(a.ringTimer);
        a.ringTimer = null;
        c.ringing.remove(a);
        if (a.call == c) {
            a.call = null;
        }
        out.command(new Command.StopRinging(c.id, a.id));
    }

    /** A call no agent is ringing any more waits again, keeping its place, and looks anew. */
    private void requeueIfUnattended(Call c) {
        if (c.ringing.isEmpty() && c.status == CallStatus.RINGING && c.direct) {
            directUnanswered(c);
        } else if (c.ringing.isEmpty() && c.status == CallStatus.RINGING) {
            c.status = c.callback ? CallStatus.CALLBACK : CallStatus.WAITING;
            offer(c);
        }
    }

    private void complete(Call c, EndedBy by) {
        Agent a = c.agent;
        if (a.consult != null && a.consult.parent == c) {
            // the caller left during a consultation: the leg ends too
            Call leg = a.consult;
            endLeg(leg, EndedBy.AGENT, "caller_left");
            out.command(new Command.HangUp(leg.id));
        }
        Duration talk = Duration.between(c.connectedAt, now);
        out.event(new CallCompleted(c.id, c.queue.config.id(), a.id, by, talk, now));
        handled(c.queue, talk);
        calls.remove(c.id);
        a.call = null;
        afterCall(a, c.queue);
    }

    /** After a call: wrap-up for the queue's time, then free; an agent without queues goes offline. */
    private void afterCall(Agent a, QueueState q) {
        if (a.queues.isEmpty()) {
            setState(a, AgentState.OFFLINE, null);
            return;
        }
        Duration wrap = q.config.wrapUp();
        if (wrap.isZero()) {
            becomeFree(a);
            return;
        }
        setState(a, AgentState.WRAP_UP, null);
        a.wrapQueue = q;
        a.wrapTimer = schedule(wrap, () -> {
            a.wrapTimer = null;
            if (a.state == AgentState.WRAP_UP) {
                becomeFree(a);
            }
        });
    }

    // ------------------------------------------------------------------ agents' own calls (WS-3)

    private static String queueId(Call c) {
        return c.queue == null ? null : c.queue.config.id();
    }

    private void newCallId(String callId) {
        if (callId == null || callId.isBlank()) {
            throw new AcdException("required", "callId", "A call needs an id");
        }
        if (calls.containsKey(callId)) {
            throw new AcdException("duplicate_call", "callId", "Call " + callId + " is already in the ACD");
        }
    }

    private static void requireNumber(String number) {
        if (number == null || !number.matches("\\+?[0-9]{2,20}")) {
            throw new AcdException("invalid_number", "number", "A number is 2 to 20 digits, optionally after a +");
        }
    }

    /** The inbound call the agent is connected to (talking or holding), not in a consultation. */
    private Call agentsCall(String agentId, String callId) {
        Agent a = agent(agentId);
        Call c = call(callId);
        if (c.kind != CallKind.INBOUND || c.agent != a
                || (c.status != CallStatus.CONNECTED && c.status != CallStatus.HELD)) {
            throw new AcdException("not_connected", "callId", "Agent " + agentId + " is not on call " + callId);
        }
        notConsulting(a);
        return c;
    }

    private Call consultedCall(String agentId, String callId) {
        Agent a = agent(agentId);
        Call c = call(callId);
        if (c.agent != a || a.consult == null || a.consult.parent != c) {
            throw new AcdException("not_consulting", "callId", "Agent " + agentId + " is not consulting about call " + callId);
        }
        return c;
    }

    private static void notConsulting(Agent a) {
        if (a.consult != null) {
            throw new AcdException("consulting", "callId", "Agent " + a.id + " is consulting; complete or cancel it first");
        }
    }

    /** A transfer or consultation target must be another agent who is free now. */
    private static void requireFree(Agent target, Agent self, String field) {
        if (target == self || target.state != AgentState.FREE) {
            throw new AcdException("agent_unavailable", field, "Agent " + target.id + " is " + target.state
                    + (target == self ? " (yourself)" : "") + " and cannot take a call now");
        }
    }

    private Call startConsult(Call c, String consultId, String kind, String target) {
        Agent a = c.agent;
        if (c.status == CallStatus.CONNECTED) {
            c.status = CallStatus.HELD;
            out.event(new CallHeld(c.id, a.id, now));
            out.command(new Command.Hold(c.id, true));
        }
        Call leg = new Call(consultId, c.priority, now, ++sequence);
        leg.kind = CallKind.CONSULT;
        leg.owner = a;
        leg.parent = c;
        leg.target = target;
        calls.put(consultId, leg);
        a.consult = leg;
        setState(a, AgentState.CONSULTING, null);
        out.event(new ConsultStarted(c.id, a.id, consultId, kind, target, now));
        out.event(new CallDialled(consultId, a.id, kind, target, c.id, now));
        return leg;
    }

    /** Rings one agent with the call, outside any queue's routing (transfer or consultation to an agent). */
    private void ringDirect(Call c, Agent b) {
        c.direct = true;
        c.status = CallStatus.RINGING;
        c.ringing.add(b);
        b.call = c;
        setState(b, AgentState.RINGING, null);
        out.event(new AcdEvent.CallOffered(c.id, queueId(c), b.id, now));
        out.command(new Command.RingAgent(c.id, b.id, queueId(c)));
        b.ringTimer = schedule(c.ringTimeout, () -> {
            b.ringTimer = null;
            if (b.call != c || b.state != AgentState.RINGING) {
                return;
            }
            stopRinging(c, b);
            out.event(new RingNoAnswer(c.id, queueId(c), b.id, now));
            requeueIfUnattended(c);
            if (c.kind == CallKind.INBOUND && c.queue.waiting.contains(c)) {
                c.missedBy.add(b);
            }
            becomeFree(b);
        });
    }

    /**
     * Nobody took a directly rung call: a transferred call goes back to its queue at the head of
     * its line; a consultation leg ends (the agent is back with the held caller).
     */
    private void directUnanswered(Call c) {
        c.direct = false;
        if (c.kind == CallKind.INBOUND) {
            c.seq = --headSequence;
            enter(c, c.queue);
        } else {
            endLeg(c, EndedBy.CALLER, "no_answer");
            out.command(new Command.HangUp(c.id));
        }
    }

    /**
     * An agent's outbound call or consultation leg ends, answered or not. {@code by}: AGENT =
     * the placing agent, CALLER = the far end. A consulting agent is back with the held caller
     * (state HOLD); after an outbound call the agent returns as {@link #dial} says.
     */
    private void endLeg(Call leg, EndedBy by, String reason) {
        Agent owner = leg.owner;
        Agent callee = leg.agent;
        List<Agent> rang = new ArrayList<>(leg.ringing);
        rang.forEach(b -> stopRinging(leg, b));
        if (leg.queue != null) {
            leg.queue.waiting.remove(leg);
        }
        cancel(leg.maxWaitTimer);
        cancel(leg.announceTimer);
        calls.remove(leg.id);
        if (leg.connectedAt != null) {
            out.event(new CallCompleted(leg.id, queueId(leg), callee != null ? callee.id : owner.id, by,
                    Duration.between(leg.connectedAt, now), now));
        } else {
            out.event(new OutboundNotAnswered(leg.id, owner.id, by, now));
        }
        if (leg.kind == CallKind.OUTBOUND) {
            owner.call = null;
            if (leg.connectedAt == null && owner.before == AgentState.FREE) {
                becomeFree(owner);
            } else {
                afterOwnCall(owner);
            }
        } else {
            owner.consult = null;
            out.event(new ConsultEnded(leg.parent.id, owner.id, leg.id, reason, null, null, now));
            if (!"caller_left".equals(reason) && calls.get(leg.parent.id) == leg.parent && leg.parent.agent == owner) {
                setState(owner, AgentState.HOLD, null);
            }
        }
        if (callee != null) {
            callee.call = null;
            if (leg.queue != null) {
                afterCall(callee, leg.queue);
            } else {
                becomeFree(callee);
            }
        }
        rang.forEach(this::becomeFree);
    }

    /**
     * After an agent's outbound call: paused again with the reason it had, else wrap-up for the
     * longest wrap-up of its queues (free at once when that is 0), offline when in no queue.
     */
    private void afterOwnCall(Agent a) {
        if (a.queues.isEmpty()) {
            setState(a, AgentState.OFFLINE, null);
            return;
        }
        if (a.before == AgentState.PAUSED) {
            setState(a, AgentState.PAUSED, a.beforeReason);
            return;
        }
        QueueState longest = null;
        for (QueueState q : a.queues) {
            if (longest == null || q.config.wrapUp().compareTo(longest.config.wrapUp()) > 0) {
                longest = q;
            }
        }
        afterCall(a, longest);
    }

    private void becomeFree(Agent a) {
        a.call = null;
        if (a.queues.isEmpty()) {
            setState(a, AgentState.OFFLINE, null);
            return;
        }
        a.freeSince = now;
        setState(a, AgentState.FREE, null);
        offerTo(a);
    }

    /**
     * A free agent takes the best call among its queues: higher queue priority, then higher
     * call priority, then the earliest arrival. A ring-all call already ringing elsewhere rings
     * here too.
     */
    private void offerTo(Agent a) {
        if (a.state != AgentState.FREE) {
            return;
        }
        Call best = null;
        int bestQueuePriority = Integer.MIN_VALUE;
        for (QueueState q : a.queues) {
            if (!eligible(a, q)) {
                continue;
            }
            Call head = null;
            for (Call c : q.waiting) {
                boolean takeable = c.status == CallStatus.WAITING || c.status == CallStatus.CALLBACK
                        || (c.status == CallStatus.RINGING && q.config.strategy() == Strategy.RING_ALL && !c.callback
                            && !c.ringing.contains(a));
                if (takeable && (!c.missedBy.contains(a) || onlyCandidate(a, q, c))) {
                    head = c;
                    break;
                }
            }
            if (head == null) {
                continue;
            }
            int qp = q.config.priority();
            if (best == null || qp > bestQueuePriority
                    || (qp == bestQueuePriority && (head.priority > best.priority
                        || (head.priority == best.priority && head.seq < best.seq)))) {
                best = head;
                bestQueuePriority = qp;
            }
        }
        if (best != null) {
            ring(best, a);
        }
    }

    /** True when no other member could take the call now (so one who missed it is asked again). */
    private static boolean onlyCandidate(Agent a, QueueState q, Call c) {
        for (Agent other : q.members) {
            if (other != a && eligible(other, q) && !c.missedBy.contains(other)) {
                return false;
            }
        }
        return true;
    }

    /** After a configuration change: every free agent looks for work. */
    private void dispatchAll() {
        List<Agent> free = new ArrayList<>();
        for (Agent a : agents.values()) {
            if (a.state == AgentState.FREE) {
                free.add(a);
            }
        }
        free.sort(AcdEngine::longestIdleFirst);
        for (Agent a : free) {
            offerTo(a);
        }
    }
}
