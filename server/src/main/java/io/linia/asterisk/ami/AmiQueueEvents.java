package io.linia.asterisk.ami;

import io.linia.asterisk.queuelog.QueueLogAssembler;
import io.linia.asterisk.queuelog.QueueLogLine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns app_queue's AMI events into the queue_log lines Asterisk writes for the same moments
 * (TEL-3): a PBX-routed call followed live becomes exactly what an import of its queue_log
 * would make of it (one mapping, docs/asterisk.md). AMI has no event for a caller who leaves a
 * queue on its timeout: a {@code QueueCallerLeave} without an answer or an abandon, followed by
 * the caller's {@code Hangup} or another queue, is written as EXITWITHTIMEOUT.
 *
 * <p>Traps of the captures (fixtures/asterisk/README.md): RingTime is milliseconds on
 * AgentRingNoAnswer but seconds on AgentConnect; with Local-channel agents the agent is named
 * by {@code MemberName} or {@code Interface}, never by {@code DestExten}.
 */
public final class AmiQueueEvents {

    private record Waiting(String queue, Instant joined, String position, Instant left, boolean connected) {
    }

    private final Map<String, Waiting> waiting = new HashMap<>();
    private long lines;

    /** The lines this event stands for (mostly one, none for events that change no call or agent). */
    public List<QueueLogLine> translate(AmiMessage e, Instant received) {
        String event = e.event();
        if (event == null) {
            return List.of();
        }
        Instant at = time(e, received);
        String call = e.get("Uniqueid");
        String queue = e.get("Queue");
        return switch (event) {
            case "QueueCallerJoin" -> {
                Waiting before = waiting.get(call);
                String position = orEmpty(e.get("Position"));
                waiting.put(call, new Waiting(queue, at, position, null, false));
                String caller = e.get("CallerIDNum");
                QueueLogLine enter = line(at, call, queue, "NONE", "ENTERQUEUE", "",
                        caller == null || caller.equals("<unknown>") ? "" : caller, position);
                yield before != null && before.left() != null && !before.connected()
                        ? List.of(timeout(call, before), enter) : List.of(enter);
            }
            case "AgentRingNoAnswer" -> List.of(line(at, call, queue, agent(e), "RINGNOANSWER", orEmpty(e.get("RingTime"))));
            case "AgentConnect" -> {
                Waiting w = waiting.get(call);
                if (w != null) {
                    waiting.put(call, new Waiting(w.queue(), w.joined(), w.position(), w.left(), true));
                }
                yield List.of(line(at, call, queue, agent(e), "CONNECT", orEmpty(e.get("HoldTime")),
                        orEmpty(e.get("DestUniqueid")), orEmpty(e.get("RingTime"))));
            }
            case "AgentComplete" -> {
                waiting.remove(call);
                String reason = orEmpty(e.get("Reason"));
                String hold = orEmpty(e.get("HoldTime"));
                String talk = orEmpty(e.get("TalkTime"));
                yield List.of(switch (reason) {
                    case "caller" -> line(at, call, queue, agent(e), "COMPLETECALLER", hold, talk, "");
                    case "transfer" -> line(at, call, queue, agent(e), "TRANSFER", "", "", hold, talk, "");
                    default -> line(at, call, queue, agent(e), "COMPLETEAGENT", hold, talk, "");
                });
            }
            case "QueueCallerAbandon" -> {
                waiting.remove(call);
                yield List.of(line(at, call, queue, "NONE", "ABANDON", orEmpty(e.get("Position")),
                        orEmpty(e.get("OriginalPosition")), orEmpty(e.get("HoldTime"))));
            }
            case "QueueCallerLeave" -> {
                Waiting w = waiting.get(call);
                if (w != null && !w.connected()) {
                    waiting.put(call, new Waiting(w.queue(), w.joined(), w.position(), at, false));
                }
                yield List.of();
            }
            case "Hangup" -> {
                Waiting w = waiting.get(call);
                if (w != null && w.left() != null && !w.connected()) {
                    waiting.remove(call);
                    yield List.of(timeout(call, w));
                }
                if (w != null && w.left() == null) {
                    // hung up in the queue without an abandon event: Asterisk writes ABANDON then too
                    waiting.remove(call);
                    yield List.of(line(at, call, w.queue(), "NONE", "ABANDON", w.position(), w.position(),
                            String.valueOf(Duration.between(w.joined(), at).toSeconds())));
                }
                yield List.of();
            }
            case "QueueMemberAdded" -> List.of(line(at, "MANAGER", queue, agent(e), "ADDMEMBER", ""));
            case "QueueMemberRemoved" -> List.of(line(at, "MANAGER", queue, agent(e), "REMOVEMEMBER", ""));
            case "QueueMemberPause" -> "1".equals(e.get("Paused")) || "true".equalsIgnoreCase(e.get("Paused"))
                    ? List.of(line(at, "NONE", queue, agent(e), "PAUSE", orEmpty(e.get("PausedReason"))))
                    : List.of(line(at, "NONE", queue, agent(e), "UNPAUSE", ""));
            default -> List.of();
        };
    }

    /**
     * The lines that bring a follow up to date with a {@code QueueStatus} answer read after a
     * (re)connection, since the events of the gap are gone (TEL-3): members Asterisk has that the
     * lines have not (ADDMEMBER), memberships it no longer has (REMOVEMEMBER), a pause begun or
     * ended meanwhile (PAUSE with its reason, UNPAUSE), and callers waiting now that no line has
     * seen (ENTERQUEUE at the moment they joined, {@code Wait} seconds ago). QueueStatus covers
     * every queue, so a membership it does not list is gone. An agent counts as paused when it is
     * paused in any of its queues. Agents and calls in {@code touched} had events after the
     * QueueStatus was asked: their events are newer than its answer and stand.
     *
     * @param known the agents' memberships as the lines so far have left them
     * @param held  whether the assembler holds a call already
     */
    public List<QueueLogLine> resync(List<AmiMessage> status, Map<String, QueueLogAssembler.Membership> known,
                                     Predicate<String> held, Set<String> touched, Instant now) {
        List<QueueLogLine> out = new ArrayList<>();
        Map<String, Set<String>> queues = new LinkedHashMap<>();
        Map<String, String> paused = new HashMap<>();
        for (AmiMessage m : status) {
            String queue = m.get("Queue");
            if ("QueueMember".equals(m.event()) && queue != null) {
                String name = firstNonEmpty(m.get("Name"), m.get("MemberName"), m.get("Location"), m.get("Interface"));
                if (name == null) {
                    continue;
                }
                queues.computeIfAbsent(name, k -> new TreeSet<>()).add(queue);
                if ("1".equals(m.get("Paused")) || "true".equalsIgnoreCase(m.get("Paused"))) {
                    paused.putIfAbsent(name, orEmpty(m.get("PausedReason")));
                }
            } else if ("QueueEntry".equals(m.event()) && queue != null) {
                String call = m.get("Uniqueid");
                if (call == null || touched.contains(call) || held.test(call) || waiting.containsKey(call)) {
                    continue;
                }
                Instant joined = joined(m, now);
                String position = orEmpty(m.get("Position"));
                waiting.put(call, new Waiting(queue, joined, position, null, false));
                String caller = m.get("CallerIDNum");
                out.add(line(joined, call, queue, "NONE", "ENTERQUEUE", "",
                        caller == null || caller.equals("<unknown>") ? "" : caller, position));
            }
        }
        queues.forEach((name, in) -> {
            if (touched.contains(name)) {
                return;
            }
            QueueLogAssembler.Membership had = known.get(name);
            for (String q : in) {
                if (had == null || !had.queues().contains(q)) {
                    out.add(line(now, "MANAGER", q, name, "ADDMEMBER", ""));
                }
            }
            String reason = paused.get(name);
            boolean wasPaused = had != null && had.paused();
            String first = in.iterator().next();
            if (reason != null && (!wasPaused || !reason.equals(orEmpty(had.pauseReason())))) {
                out.add(line(now, "NONE", first, name, "PAUSE", reason));
            } else if (reason == null && wasPaused) {
                out.add(line(now, "NONE", first, name, "UNPAUSE", ""));
            }
        });
        known.forEach((name, had) -> {
            if (touched.contains(name)) {
                return;
            }
            Set<String> listed = queues.getOrDefault(name, Set.of());
            for (String q : had.queues()) {
                if (!listed.contains(q)) {
                    out.add(line(now, "MANAGER", q, name, "REMOVEMEMBER", ""));
                }
            }
        });
        return out;
    }

    /** When the caller of a QueueStatus {@code QueueEntry} joined: {@code Wait} seconds before {@code now}. */
    static Instant joined(AmiMessage entry, Instant now) {
        try {
            return now.minusSeconds(Math.max(0, Long.parseLong(orEmpty(entry.get("Wait")).trim())));
        } catch (NumberFormatException e) {
            return now; // joined now, as far as we know
        }
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    private QueueLogLine timeout(String call, Waiting w) {
        return line(w.left(), call, w.queue(), "NONE", "EXITWITHTIMEOUT", w.position(), w.position(),
                String.valueOf(Duration.between(w.joined(), w.left()).toSeconds()));
    }

    /** The agent as queue_log names it with {@code log_membername_as_agent}: the member name, else the interface. */
    private static String agent(AmiMessage e) {
        String name = e.get("MemberName");
        return name != null && !name.isEmpty() ? name : orEmpty(e.get("Interface"));
    }

    /** Asterisk's {@code Timestamp} (timestampevents = yes in manager.conf), else when it arrived. */
    static Instant time(AmiMessage e, Instant received) {
        String t = e.get("Timestamp");
        if (t == null) {
            return received;
        }
        try {
            BigDecimal seconds = new BigDecimal(t);
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        } catch (NumberFormatException ex) {
            return received;
        }
    }

    private QueueLogLine line(Instant at, String call, String queue, String agent, String verb, String... data) {
        lines++;
        return new QueueLogLine(lines, lines, at, call, queue, agent, verb, data);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
