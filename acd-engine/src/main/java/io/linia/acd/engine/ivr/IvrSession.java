package io.linia.acd.engine.ivr;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One caller's walk through an IVR flow (ACD-8): a small deterministic state machine. It
 * passes through schedule and caller nodes by itself and stops at a menu (asking for a digit),
 * a queue or a message. The steps the caller took are kept for the operator's card (WS-4).
 */
public final class IvrSession {

    /** What the platform must do next. */
    public sealed interface Step {
        /** Play the prompt and collect one digit within {@code timeoutSeconds}. */
        record Ask(String nodeId, String prompt, int timeoutSeconds) implements Step {
        }

        /** Ask the external service; report the answer with {@link IvrSession#fetched} or {@link IvrSession#fetchFailed}. */
        record Fetch(String nodeId, String url, int timeoutMs, String field) implements Step {
        }

        /** The IVR is over: put the call in the queue. */
        record Queue(String nodeId, String queueId, int priority, String topic) implements Step {
        }

        /** The IVR is over: play the message and release the caller. */
        record Release(String nodeId, String prompt) implements Step {
        }
    }

    private final IvrFlow flow;
    private final String caller;
    private final List<String> path = new ArrayList<>();
    private Node.Menu menu;
    private Node.DataDip dip;
    private int failures;

    private IvrSession(IvrFlow flow, String caller) {
        this.flow = flow;
        this.caller = caller;
    }

    /** A session for one caller; {@link #begin} takes the first step. */
    public static IvrSession of(IvrFlow flow, String caller) {
        return new IvrSession(flow, caller);
    }

    /** Starts at the entry node at instant {@code at}. */
    public Step begin(Instant at) {
        return go(flow.entry(), at);
    }

    /** The caller pressed {@code digit} (only the first key counts). */
    public Step digit(String digits, Instant at) {
        requireMenu();
        String digit = digits == null || digits.isEmpty() ? "" : digits.substring(0, 1);
        String target = menu.options().get(digit);
        path.add(menu.id() + ":" + digit);
        if (target == null) {
            return retry(at);
        }
        return go(target, at);
    }

    /** The data dip's answer: the value of its field ({@code null} when the field was absent). */
    public Step fetched(String value, Instant at) {
        Node.DataDip d = requireDip();
        path.add(d.id() + ":" + value);
        String target = value == null ? null : d.routes().get(value);
        return go(target != null ? target : d.otherwise(), at);
    }

    /** The data dip failed or took too long. */
    public Step fetchFailed(Instant at) {
        Node.DataDip d = requireDip();
        path.add(d.id() + ":error");
        return go(d.onError(), at);
    }

    private Node.DataDip requireDip() {
        if (dip == null) {
            throw new io.linia.acd.engine.AcdException("invalid_state", "callId", "The call is not waiting for a data dip");
        }
        Node.DataDip d = dip;
        dip = null;
        return d;
    }

    /** No digit came within the menu's time. */
    public Step timeout(Instant at) {
        requireMenu();
        path.add(menu.id() + ":timeout");
        return retry(at);
    }

    /** Nodes passed and keys pressed, in order (e.g. {@code main}, {@code main:2}, {@code hours}). */
    public List<String> path() {
        return List.copyOf(path);
    }

    private Step retry(Instant at) {
        failures++;
        if (failures > menu.retries()) {
            return go(menu.onFailure(), at);
        }
        return new Step.Ask(menu.id(), menu.prompt(), menu.timeoutSeconds());
    }

    private Step go(String id, Instant at) {
        for (int hops = 0; hops < 1000; hops++) {
            Node n = Objects.requireNonNull(flow.node(id), id);
            path.add(id);
            if (n instanceof Node.DataDip d) {
                menu = null;
                dip = d;
                return new Step.Fetch(d.id(), d.url(), d.timeoutMs(), d.field());
            } else if (n instanceof Node.Menu m) {
                menu = m;
                failures = 0;
                return new Step.Ask(m.id(), m.prompt(), m.timeoutSeconds());
            } else if (n instanceof Node.ToQueue q) {
                menu = null;
                return new Step.Queue(q.id(), q.queueId(), q.priority(), q.topic());
            } else if (n instanceof Node.Message m) {
                menu = null;
                return new Step.Release(m.id(), m.prompt());
            } else if (n instanceof Node.Schedule s) {
                id = open(s, at) ? s.open() : s.closed();
            } else if (n instanceof Node.CallerCheck c) {
                id = caller != null && c.numbers().contains(caller) ? c.listed() : c.others();
            }
        }
        // a flow of only schedule and caller nodes in a loop cannot pass validation; stay safe anyway
        return new Step.Release(id, "technical_problem");
    }

    static boolean open(Node.Schedule s, Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, ZoneId.of(s.zone()));
        if (s.holidays().contains(local.toLocalDate())) {
            return false;
        }
        return s.hours().getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .anyMatch(h -> !local.toLocalTime().isBefore(h.from()) && local.toLocalTime().isBefore(h.to()));
    }

    private void requireMenu() {
        if (menu == null) {
            throw new io.linia.acd.engine.AcdException("invalid_state", "callId", "The call is not waiting for a key");
        }
    }
}
