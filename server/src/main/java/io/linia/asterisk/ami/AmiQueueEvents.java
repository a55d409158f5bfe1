package io.linia.asterisk.ami;

import io.linia.asterisk.queuelog.QueueLogLine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
