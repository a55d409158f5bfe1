package io.linia.asterisk.queuelog;

import io.linia.acd.CallHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns queue_log lines into the calls, legs, events and agent states the ACD would have
 * stored (TEL-4; docs/asterisk.md has the table of verbs). A call is kept open until its last
 * leg ends and {@link #CHAIN} of queue_log time has passed without a new leg (a transfer to
 * another queue writes a new ENTERQUEUE under the same call id), then handed out by
 * {@link #drainCalls()}. Durations come from Asterisk's own fields (holdtime, calltime,
 * waittime), so figures match what Asterisk's reports show.
 */
public final class QueueLogAssembler {

    /** How long an ended call waits for another leg (queue_log time). */
    public static final Duration CHAIN = Duration.ofSeconds(60);

    /** How the names in a queue_log become Linia's queues and operators. */
    public interface Names {

        /** The queue for an Asterisk queue name, or null when it has none (its lines are skipped). */
        UUID queue(String name);

        /** The operator for an agent (member name or interface), or null when nobody matches. */
        Agent agent(String name);
    }

    public record Agent(UUID id, String number) {
    }

    /** An agent's state between passes of a followed file. */
    public record AgentSnapshot(UUID id, Set<String> queues, boolean paused, String pauseReason, boolean talking,
                         String state, String reason, Instant since) {
    }

    private Names names;
    private final long agentFrom;
    private final Map<String, OpenCall> calls = new HashMap<>();
    private final Map<String, AgentMachine> agents = new HashMap<>();
    private final List<CallHistory.Call> ready = new ArrayList<>();
    private final List<CallHistory.StateInterval> intervals = new ArrayList<>();
    /** Told of every change of an agent's state as it happens (the live view of a followed Asterisk). */
    private StateListener stateListener;
    private final Map<String, Long> unknownVerbs = new TreeMap<>();
    private final Map<String, Long> unmatchedAgents = new TreeMap<>();
    private final Set<String> skippedQueues = new TreeSet<>();
    private long orphanLines;
    private long droppedOpen;
    private Instant lastAt;
    private long nextFlushCheck;
    /** Whether the current line is new (not read again from a followed file's resume point): only new lines count. */
    private boolean fresh;

    /**
     * @param agentFrom agent lines before this byte were applied in an earlier pass (a followed
     *                  file read again from an earlier call's start); {@code agents} their states
     */
    public QueueLogAssembler(Names names, long agentFrom, Map<String, AgentSnapshot> agentStates) {
        this.names = names;
        this.agentFrom = agentFrom;
        agentStates.forEach((name, s) -> agents.put(name, AgentMachine.of(s)));
    }

    public void accept(QueueLogLine line) {
        lastAt = line.at();
        fresh = line.offset() >= agentFrom;
        String verb = line.verb();
        switch (verb) {
            case "ENTERQUEUE", "DID", "CONNECT", "RINGNOANSWER", "RINGCANCELED", "COMPLETECALLER", "COMPLETEAGENT",
                 "TRANSFER", "BLINDTRANSFER", "ATTENDEDTRANSFER", "ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY",
                 "EXITWITHKEY", "SYSCOMPAT" -> call(line);
            case "ADDMEMBER", "REMOVEMEMBER", "PAUSE", "UNPAUSE", "PAUSEALL", "UNPAUSEALL", "AGENTLOGIN", "AGENTLOGOFF",
                 "AGENTCALLBACKLOGIN", "AGENTCALLBACKLOGOFF" -> member(line);
            // configuration and informational lines: nothing happened to a call or an agent
            case "QUEUESTART", "CONFIGRELOAD", "INFO", "AGENTDUMP", "CALLERONHOLD", "CALLEROFFHOLD", "MIXMONITOR",
                 "UPDATEFIELD", "PENALTY" -> {
            }
            default -> {
                if (fresh) {
                    unknownVerbs.merge(verb.length() > 40 ? verb.substring(0, 40) : verb, 1L, Long::sum);
                }
            }
        }
        if (line.number() >= nextFlushCheck) {
            nextFlushCheck = line.number() + 10_000;
            flush(line.at().minus(CHAIN), false);
        }
    }

    // ------------------------------------------------------------------ calls

    private void call(QueueLogLine l) {
        String verb = l.verb();
        OpenCall c = calls.get(l.callId());
        if (c == null) {
            if (!verb.equals("ENTERQUEUE") && !verb.equals("DID")) {
                // the call began before this file (or before a followed file's resume point)
                if (fresh) {
                    orphanLines++;
                }
                return;
            }
            c = new OpenCall(l.callId(), l.offset(), l.number(), l.at());
            calls.put(l.callId(), c);
        }
        c.lastAt = l.at();
        if (verb.equals("DID")) {
            c.dialled = emptyToNull(l.data(1));
            return;
        }
        UUID queue = names.queue(l.queue());
        if (queue == null) {
            if (fresh) {
                skippedQueues.add(l.queue());
            }
            return;
        }
        if (verb.equals("ENTERQUEUE")) {
            if (c.open != null) {
                // a second ENTERQUEUE without an end of the first: the first ended here
                end(c, l, "overflow", null, Map.of("reason", "requeued"), "overflow");
            }
            if (c.caller == null) {
                c.caller = emptyToNull(l.data(2));
            }
            Leg leg = new Leg(queue, l.at(), (int) Math.max(1, l.number(3, 1)));
            c.legs.add(leg);
            c.open = leg;
            c.event(l.at(), "enter_queue", queue, null, Map.of("position", leg.position));
            return;
        }
        Leg leg = c.open;
        if (leg == null) {
            if (fresh) {
                orphanLines++;
            }
            return;
        }
        Agent agent = agent(l.agent());
        UUID agentId = agent == null ? null : agent.id();
        switch (verb) {
            case "RINGNOANSWER" -> {
                leg.ringNoAnswer++;
                c.event(l.at(), "ring_no_answer", queue, agentId, Map.of("ringMs", l.number(1, 0)));
            }
            case "RINGCANCELED", "SYSCOMPAT" -> {
            }
            case "CONNECT" -> {
                if (leg.connectedAt == null) {
                    connect(leg, l.at(), agent, l.agent(), l.number(1, -1));
                    c.event(l.at(), "connect", queue, agentId, Map.of("waitMs", leg.waitMs));
                    talking(l, true);
                }
            }
            case "COMPLETECALLER", "COMPLETEAGENT" -> {
                long talk = l.number(2, 0) * 1000;
                answered(leg, l, agent, talk);
                boolean caller = verb.equals("COMPLETECALLER");
                c.event(l.at(), caller ? "complete_caller" : "complete_agent", queue, agentId, Map.of("talkMs", talk));
                end(c, l, "answered", caller ? "caller" : "agent", null, null);
                c.outcome = "answered";
                c.endedBy = caller ? "caller" : "agent";
                talking(l, false);
            }
            case "TRANSFER", "BLINDTRANSFER", "ATTENDEDTRANSFER" -> {
                long talk = l.number(4, 0) * 1000;
                answered(leg, l, agent, talk);
                String to = verb.equals("ATTENDEDTRANSFER") ? l.data(1) + ":" + l.data(2) : l.data(1) + "@" + l.data(2);
                c.event(l.at(), "transfer", queue, agentId, Map.of("to", to, "talkMs", talk));
                end(c, l, "answered", "transfer", null, null);
                c.outcome = "answered";
                c.endedBy = "transfer";
                talking(l, false);
            }
            case "ABANDON" -> {
                leg.waitMs = l.number(3, millisBetween(leg.enteredAt, l.at()) / 1000) * 1000;
                end(c, l, "abandoned", null, Map.of("position", l.number(1, leg.position), "waitMs", leg.waitMs),
                        "abandon");
                c.outcome = "abandoned";
                c.endedBy = "caller";
            }
            case "EXITWITHTIMEOUT" -> {
                leg.waitMs = l.number(3, millisBetween(leg.enteredAt, l.at()) / 1000) * 1000;
                end(c, l, "timeout", null, Map.of("waitMs", leg.waitMs), "timeout");
                c.outcome = "timeout";
                c.endedBy = null;
            }
            case "EXITEMPTY" -> {
                leg.waitMs = l.number(3, millisBetween(leg.enteredAt, l.at()) / 1000) * 1000;
                end(c, l, "overflow", null, Map.of("reason", "no_agents", "waitMs", leg.waitMs), "overflow");
                c.outcome = "overflow";
                c.endedBy = null;
            }
            case "EXITWITHKEY" -> {
                leg.waitMs = l.number(4, millisBetween(leg.enteredAt, l.at()) / 1000) * 1000;
                end(c, l, "overflow", null, Map.of("reason", "key", "key", l.data(1), "waitMs", leg.waitMs), "overflow");
                c.outcome = "overflow";
                c.endedBy = null;
            }
            default -> throw new IllegalStateException(verb);
        }
    }

    private static void connect(Leg leg, Instant at, Agent agent, String agentName, long holdSeconds) {
        leg.connectedAt = at;
        leg.agentId = agent == null ? null : agent.id();
        leg.agentNumber = agent == null ? number(agentName) : agent.number();
        leg.waitMs = holdSeconds >= 0 ? holdSeconds * 1000 : millisBetween(leg.enteredAt, at);
    }

    /** An end of a talk; a queue_log cut at its start may lack the CONNECT. */
    private static void answered(Leg leg, QueueLogLine l, Agent agent, long talkMs) {
        if (leg.connectedAt == null) {
            connect(leg, l.at().minusMillis(talkMs), agent, l.agent(), l.number(1, -1));
        }
        leg.talkMs = talkMs;
    }

    private void end(OpenCall c, QueueLogLine l, String outcome, String endedBy, Map<String, ?> data, String eventType) {
        Leg leg = c.open;
        leg.outcome = outcome;
        leg.endedBy = endedBy;
        leg.endedAt = l.at();
        c.open = null;
        c.endedAt = l.at();
        if (eventType != null) {
            c.event(l.at(), eventType, leg.queueId, null, data);
        }
    }

    // ------------------------------------------------------------------ agents

    private Agent agent(String name) {
        if (name == null || name.isEmpty() || name.equals("NONE")) {
            return null;
        }
        Agent a = names.agent(name);
        if (a == null && fresh) {
            unmatchedAgents.merge(name.length() > 80 ? name.substring(0, 80) : name, 1L, Long::sum);
        }
        return a;
    }

    private void member(QueueLogLine l) {
        if (l.offset() < agentFrom) {
            return;
        }
        Agent a = agent(l.agent());
        if (a == null) {
            return;
        }
        AgentMachine m = agents.computeIfAbsent(l.agent(), k -> new AgentMachine(a.id()));
        switch (l.verb()) {
            case "ADDMEMBER", "AGENTLOGIN", "AGENTCALLBACKLOGIN" -> m.queues.add(l.queue());
            case "REMOVEMEMBER" -> m.queues.remove(l.queue());
            case "AGENTLOGOFF", "AGENTCALLBACKLOGOFF" -> m.queues.clear();
            case "PAUSE", "PAUSEALL" -> {
                m.paused = true;
                m.pauseReason = emptyToNull(l.data(1));
            }
            case "UNPAUSE", "UNPAUSEALL" -> {
                m.paused = false;
                m.pauseReason = null;
            }
            default -> throw new IllegalStateException(l.verb());
        }
        settle(m, l.at());
    }

    private void talking(QueueLogLine l, boolean on) {
        if (l.offset() < agentFrom) {
            return;
        }
        Agent a = names.agent(l.agent());
        if (a == null) {
            return;
        }
        AgentMachine m = agents.computeIfAbsent(l.agent(), k -> new AgentMachine(a.id()));
        m.talking = on;
        settle(m, l.at());
    }

    // ------------------------------------------------------------------ output

    /**
     * Hands out the calls that ended before {@code endedBefore} (all ended calls when
     * {@code everything}); with {@code everything}, calls still open are dropped and counted.
     */
    public void flush(Instant endedBefore, boolean everything) {
        for (Iterator<OpenCall> it = calls.values().iterator(); it.hasNext(); ) {
            OpenCall c = it.next();
            if (c.legs.isEmpty() && (everything || c.lastAt.isBefore(endedBefore))) {
                it.remove(); // a DID line and nothing in a queue: not a queue call
                continue;
            }
            if (c.open == null && c.endedAt != null && (everything || c.endedAt.isBefore(endedBefore))) {
                ready.add(c.build());
                it.remove();
            } else if (everything && c.open != null) {
                droppedOpen++;
                it.remove();
            }
        }
    }

    /** Calls ready to store, emptied by the call. */
    public List<CallHistory.Call> drainCalls() {
        List<CallHistory.Call> out = new ArrayList<>(ready);
        ready.clear();
        return out;
    }

    public List<CallHistory.StateInterval> drainIntervals() {
        List<CallHistory.StateInterval> out = new ArrayList<>(intervals);
        intervals.clear();
        return out;
    }

    int readyCount() {
        return ready.size();
    }

    /**
     * Where a followed file must be read again from: the start of the earliest call still held,
     * as {byte offset, lines before it}; {@code end} and {@code lines} when none is held.
     */
    long[] resumePoint(long end, long lines) {
        long[] point = {end, lines};
        for (OpenCall c : calls.values()) {
            if (c.firstOffset < point[0]) {
                point[0] = c.firstOffset;
                point[1] = c.firstLine - 1;
            }
        }
        return point;
    }

    public Instant lastAt() {
        return lastAt;
    }

    /** An agent's queues and pause as the lines so far have left them (what a follower checks against QueueStatus). */
    public record Membership(Set<String> queues, boolean paused, String pauseReason) {
    }

    /** The agents known from member lines, by their queue_log name (member name or interface). */
    public Map<String, Membership> memberships() {
        Map<String, Membership> out = new LinkedHashMap<>();
        agents.forEach((name, m) -> out.put(name, new Membership(Set.copyOf(m.queues), m.paused, m.pauseReason)));
        return out;
    }

    /** Whether a call with this id is held (open, or ended and waiting for another leg). */
    public boolean holds(String callId) {
        return calls.containsKey(callId);
    }

    /** Every agent known from the lines, by its queue_log name: queues, pause, talking, state and since when. */
    public Map<String, AgentSnapshot> agentStates() {
        Map<String, AgentSnapshot> out = new LinkedHashMap<>();
        agents.forEach((name, m) -> out.put(name, m.snapshot()));
        return out;
    }

    long openCalls() {
        return droppedOpen;
    }

    /** Calls still held (open, or ended too recently to be sure no leg follows). */
    long heldCalls() {
        return calls.size();
    }

    long orphanLines() {
        return orphanLines;
    }

    Map<String, Long> unknownVerbs() {
        return unknownVerbs;
    }

    Map<String, Long> unmatchedAgents() {
        return unmatchedAgents;
    }

    Set<String> skippedQueues() {
        return skippedQueues;
    }

    /** The digits of an agent's interface or member name: PJSIP/1001, SIP/1001-0a, Local/1001@ctx, "Agent 1001". */
    public static String number(String agent) {
        if (agent == null) {
            return null;
        }
        String s = agent;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1);
            int end = 0;
            while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) {
                end++;
            }
            s = s.substring(0, end);
        } else {
            int end = s.length();
            while (end > 0 && Character.isDigit(s.charAt(end - 1))) {
                end--;
            }
            s = s.substring(end);
        }
        return s.matches("[0-9]{1,20}") ? s : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static long millisBetween(Instant a, Instant b) {
        return Math.max(0, Duration.between(a, b).toMillis());
    }

    // ------------------------------------------------------------------ state

    private static final class Leg {
        final UUID queueId;
        final Instant enteredAt;
        final int position;
        UUID agentId;
        String agentNumber;
        Instant connectedAt;
        Instant endedAt;
        long waitMs;
        Long talkMs;
        String outcome;
        String endedBy;
        int ringNoAnswer;

        Leg(UUID queueId, Instant enteredAt, int position) {
            this.queueId = queueId;
            this.enteredAt = enteredAt;
            this.position = position;
        }
    }

    private static final class OpenCall {
        final String id;
        final long firstOffset;
        final long firstLine;
        final Instant arrivedAt;
        final List<Leg> legs = new ArrayList<>(2);
        final List<CallHistory.Event> events = new ArrayList<>(4);
        String caller;
        String dialled;
        Leg open;
        Instant lastAt;
        Instant endedAt;
        String outcome;
        String endedBy;

        OpenCall(String id, long firstOffset, long firstLine, Instant arrivedAt) {
            this.id = id;
            this.firstOffset = firstOffset;
            this.firstLine = firstLine;
            this.arrivedAt = arrivedAt;
            this.lastAt = arrivedAt;
        }

        void event(Instant at, String type, UUID queue, UUID agent, Map<String, ?> data) {
            events.add(new CallHistory.Event(at, type, queue, agent, data == null ? Map.of() : data));
        }

        CallHistory.Call build() {
            List<CallHistory.Leg> out = new ArrayList<>(legs.size());
            for (Leg l : legs) {
                out.add(new CallHistory.Leg(l.queueId, l.enteredAt, l.position, l.agentId, l.agentNumber, l.connectedAt,
                        l.endedAt, l.waitMs, l.talkMs, l.outcome, l.endedBy, l.ringNoAnswer));
            }
            return new CallHistory.Call(id, caller, dialled, arrivedAt, endedAt, outcome, endedBy, out, events);
        }
    }

    /** An agent's state changed: {@code state} is FREE, PAUSED or TALKING, null when logged out of every queue. */
    public interface StateListener {
        void changed(UUID agentId, String state, String reason, Instant at);
    }

    /** Replaces how queues and agents are found (a follower's fresh view of new operators and queues). */
    public void names(Names names) {
        this.names = names;
    }

    /** Follows the agents' states as lines come (AMI follow mode); an import needs none. */
    public void onStateChange(StateListener listener) {
        this.stateListener = listener;
    }

    private void settle(AgentMachine m, Instant at) {
        if (m.settle(at, intervals) && stateListener != null) {
            stateListener.changed(m.id, m.state, m.reason, at);
        }
    }

    /** One agent's state from its queue_log lines: logged in while a member of a queue, paused, talking. */
    private static final class AgentMachine {
        final UUID id;
        final Set<String> queues = new TreeSet<>();
        boolean paused;
        String pauseReason;
        boolean talking;
        String state;
        String reason;
        Instant since;

        AgentMachine(UUID id) {
            this.id = id;
        }

        static AgentMachine of(AgentSnapshot s) {
            AgentMachine m = new AgentMachine(s.id());
            m.queues.addAll(s.queues());
            m.paused = s.paused();
            m.pauseReason = s.pauseReason();
            m.talking = s.talking();
            m.state = s.state();
            m.reason = s.reason();
            m.since = s.since();
            return m;
        }

        AgentSnapshot snapshot() {
            return new AgentSnapshot(id, new TreeSet<>(queues), paused, pauseReason, talking, state, reason, since);
        }

        /** Static members (queues.conf) log no ADDMEMBER: only their talks are known. */
        boolean settle(Instant at, List<CallHistory.StateInterval> out) {
            String next;
            String why = null;
            if (talking) {
                next = "TALKING";
            } else if (queues.isEmpty()) {
                next = null;
            } else if (paused) {
                next = "PAUSED";
                why = pauseReason;
            } else {
                next = "FREE";
            }
            if (java.util.Objects.equals(next, state) && java.util.Objects.equals(why, reason)) {
                return false;
            }
            if (state != null && since != null && at.isAfter(since)) {
                out.add(new CallHistory.StateInterval(id, state, reason, since, at));
            }
            state = next;
            reason = why;
            since = at;
            return true;
        }
    }
}
