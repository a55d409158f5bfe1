package io.linia.asterisk.cdr;

import io.linia.acd.CallHistory;
import io.linia.asterisk.queuelog.QueueLogAssembler;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns the CDR rows of one call (same {@code linkedid}) into a call for {@link CallHistory}
 * (TEL-4), pure: no I/O. The cases, in order:
 * <ol>
 *   <li>a row's {@code uniqueid} or the {@code linkedid} is a stored call id (the queue_log
 *       import, or the AMI follower, stored it under its queue channel's uniqueid): {@link Skip#STORED};</li>
 *   <li>a row ran the {@code Queue} application: a queue call the queue_log did not give (not
 *       imported, or not ended yet). Its legs, waits and agents are only in the queue_log; a CDR
 *       row cannot say them, so it is not stored: {@link Skip#QUEUE};</li>
 *   <li>otherwise a call that never entered a queue. The first row (earliest, the linkedid's own
 *       row first) is the caller's: {@code src} the caller, {@code dst} the dialled number.
 *       When {@code src} is an operator's extension the call is {@code outbound} and the
 *       operator is the agent; else it is {@code inbound} and the agent is the operator whose
 *       extension answered (the number in {@code dstchannel}, as {@code PJSIP/1001-0000000a}).
 *       A row bridged to another channel ({@code dstchannel}) with disposition {@code ANSWERED}
 *       makes the call answered: connected at its answer, talk = its billsec. Without one, the
 *       first row's disposition says the outcome: {@code ANSWERED} (an application answered:
 *       voicemail, IVR, a prompt) is {@code answered_by_pbx}, {@code NO ANSWER} {@code no_answer},
 *       {@code BUSY} {@code busy}, {@code FAILED}/{@code CONGESTION} {@code failed}.</li>
 * </ol>
 * The call's id is the linkedid; it ends at the latest end of its rows.
 */
public final class CdrCalls {

    public enum Skip { STORED, QUEUE }

    /** A call to store, or why the rows are not one. */
    public record Mapped(CallHistory.Call call, Skip skip) {
    }

    private CdrCalls() {
    }

    /**
     * @param rows        the call's rows (any order)
     * @param storedIds   the stored call ids among the rows' uniqueids and linkedid
     * @param byExtension operators by extension (UserService.usersByExtension)
     * @param zone        the PBX's time zone (calldate has none)
     */
    public static Mapped map(List<CdrRow> rows, Set<String> storedIds, Map<String, UUID> byExtension, ZoneId zone) {
        String key = rows.get(0).callKey();
        if (storedIds.contains(key) || rows.stream().anyMatch(r -> storedIds.contains(r.uniqueid()))) {
            return new Mapped(null, Skip.STORED);
        }
        if (rows.stream().anyMatch(r -> "Queue".equalsIgnoreCase(r.lastapp()))) {
            return new Mapped(null, Skip.QUEUE);
        }
        CdrRow first = rows.stream().min(Comparator.comparing(CdrRow::calldate)
                .thenComparing(r -> !r.uniqueid().equals(key))).orElseThrow();
        LocalDateTime end = rows.stream().map(CdrRow::end).max(Comparator.naturalOrder()).orElseThrow();
        UUID caller = byExtension.get(first.src());
        boolean outbound = caller != null;
        CdrRow bridged = rows.stream().filter(r -> r.bridged() && r.answered())
                .min(Comparator.comparing(CdrRow::answer)).orElse(null);
        UUID agent;
        if (outbound) {
            agent = caller;
        } else {
            agent = bridged == null ? null : operator(bridged, byExtension);
        }
        String outcome;
        CallHistory.Unqueued unqueued;
        if (bridged != null) {
            outcome = "answered";
            // the wait is the ring: from the caller's start to the answer of the bridged leg
            unqueued = new CallHistory.Unqueued(agent, at(bridged.answer(), zone),
                    Math.max(0, java.time.Duration.between(first.calldate(), bridged.answer()).toMillis()),
                    bridged.billsec() * 1000L);
        } else {
            outcome = outcome(first.disposition());
            unqueued = new CallHistory.Unqueued(agent, null, null, null);
        }
        return new Mapped(new CallHistory.Call(key, emptyToNull(first.src()), emptyToNull(first.dst()),
                at(first.calldate(), zone), at(end, zone), outcome, null, List.of(), List.of(),
                outbound ? "outbound" : "inbound", unqueued), null);
    }

    /** The operator on the answering side: the extension in the dialled channel, else the dialled number. */
    private static UUID operator(CdrRow bridged, Map<String, UUID> byExtension) {
        String number = QueueLogAssembler.number(bridged.dstchannel());
        UUID id = number == null ? null : byExtension.get(number);
        return id != null ? id : byExtension.get(bridged.dst());
    }

    static String outcome(String disposition) {
        String d = disposition == null ? "" : disposition.strip().toUpperCase(Locale.ROOT);
        return switch (d) {
            case "ANSWERED" -> "answered_by_pbx";
            case "NO ANSWER" -> "no_answer";
            case "BUSY" -> "busy";
            case "FAILED", "CONGESTION" -> "failed";
            default -> "unknown";
        };
    }

    private static java.time.Instant at(LocalDateTime t, ZoneId zone) {
        return t.atZone(zone).toInstant();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
