package io.linia.acd.engine.ivr;

import io.linia.acd.engine.AcdException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A tenant's IVR (ACD-8): nodes by id and the entry node. Built only valid: every target
 * exists, every node is reachable from the entry, every path can end (in a queue or a
 * message), settings are in range, and queues exist (checked with {@code queueExists}).
 */
public final class IvrFlow {

    private final String entry;
    private final Map<String, Node> nodes;

    private IvrFlow(String entry, Map<String, Node> nodes) {
        this.entry = entry;
        this.nodes = nodes;
    }

    /** @throws AcdException naming the node and field at fault */
    public static IvrFlow of(String entry, List<Node> nodes, Predicate<String> queueExists) {
        Map<String, Node> byId = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (n.id() == null || !n.id().matches("[A-Za-z0-9_-]{1,64}")) {
                throw new AcdException("format", "nodes.id", "A node id is 1..64 letters, digits, _ or -: " + n.id());
            }
            if (byId.put(n.id(), n) != null) {
                throw new AcdException("duplicate_node", "nodes." + n.id(), "Two nodes are called " + n.id());
            }
        }
        if (entry == null || !byId.containsKey(entry)) {
            throw new AcdException("dangling_target", "entry", "The entry node " + entry + " does not exist");
        }
        for (Node n : nodes) {
            for (Map.Entry<String, String> t : targets(n).entrySet()) {
                if (t.getValue() == null || !byId.containsKey(t.getValue())) {
                    throw new AcdException("dangling_target", "nodes." + n.id() + "." + t.getKey(),
                            "Node " + n.id() + " leads to " + t.getValue() + ", which does not exist");
                }
            }
            check(n, queueExists);
        }
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(entry));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (reached.add(id)) {
                todo.addAll(targets(byId.get(id)).values());
            }
        }
        for (String id : byId.keySet()) {
            if (!reached.contains(id)) {
                throw new AcdException("unreachable_node", "nodes." + id, "Node " + id + " cannot be reached from " + entry);
            }
        }
        // every node must be able to reach an end (a queue or a message)
        Set<String> canEnd = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Node n : byId.values()) {
                if (!canEnd.contains(n.id()) && (n instanceof Node.ToQueue || n instanceof Node.Message
                        || targets(n).values().stream().anyMatch(canEnd::contains))) {
                    canEnd.add(n.id());
                    grew = true;
                }
            }
        }
        for (String id : byId.keySet()) {
            if (!canEnd.contains(id)) {
                throw new AcdException("no_way_out", "nodes." + id, "From node " + id + " no path ends in a queue or a message");
            }
        }
        return new IvrFlow(entry, Map.copyOf(byId));
    }

    public String entry() {
        return entry;
    }

    public Node node(String id) {
        return nodes.get(id);
    }

    public List<Node> nodes() {
        return new ArrayList<>(nodes.values());
    }

    /** Where a node can lead, by the name of the setting. */
    static Map<String, String> targets(Node n) {
        Map<String, String> t = new LinkedHashMap<>();
        if (n instanceof Node.Menu m) {
            m.options().forEach((digit, target) -> t.put("options." + digit, target));
            t.put("onFailure", m.onFailure());
        } else if (n instanceof Node.Schedule s) {
            t.put("open", s.open());
            t.put("closed", s.closed());
        } else if (n instanceof Node.CallerCheck c) {
            t.put("listed", c.listed());
            t.put("others", c.others());
        } else if (n instanceof Node.DataDip d) {
            d.routes().forEach((value, target) -> t.put("routes." + value, target));
            t.put("otherwise", d.otherwise());
            t.put("onError", d.onError());
        }
        return t;
    }

    private static void check(Node n, Predicate<String> queueExists) {
        String f = "nodes." + n.id();
        if (n instanceof Node.Menu m) {
            if (m.prompt() == null || m.prompt().isBlank()) {
                throw new AcdException("required", f + ".prompt", "A menu needs a prompt");
            }
            if (m.options().isEmpty()) {
                throw new AcdException("required", f + ".options", "A menu needs at least one option");
            }
            for (String digit : m.options().keySet()) {
                if (!digit.matches("[0-9*#]")) {
                    throw new AcdException("format", f + ".options", "An option is one key 0-9, * or #: " + digit);
                }
            }
            if (m.timeoutSeconds() < 1 || m.timeoutSeconds() > 60) {
                throw new AcdException("range", f + ".timeoutSeconds", "A menu waits 1..60 s");
            }
            if (m.retries() < 0 || m.retries() > 5) {
                throw new AcdException("range", f + ".retries", "A menu repeats 0..5 times");
            }
        } else if (n instanceof Node.Schedule s) {
            try {
                ZoneId.of(s.zone());
            } catch (DateTimeException | NullPointerException e) {
                throw new AcdException("unknown_time_zone", f + ".zone", "Unknown time zone " + s.zone());
            }
            s.hours().forEach((day, hours) -> hours.forEach(h -> {
                if (h.from() == null || h.to() == null || !h.from().isBefore(h.to())) {
                    throw new AcdException("range", f + ".hours." + day, "Opening hours run from an earlier to a later time");
                }
            }));
        } else if (n instanceof Node.DataDip d) {
            if (d.url() == null || !d.url().matches("https?://[^\\s]+")) {
                throw new AcdException("format", f + ".url", "A data dip calls an http(s) URL");
            }
            if (d.timeoutMs() < 100 || d.timeoutMs() > 10_000) {
                throw new AcdException("range", f + ".timeoutMs", "A data dip waits 100..10000 ms");
            }
            if (d.field() == null || d.field().isBlank()) {
                throw new AcdException("required", f + ".field", "Name the answer's field that picks the route");
            }
        } else if (n instanceof Node.ToQueue q) {
            if (q.queueId() == null || !queueExists.test(q.queueId())) {
                throw new AcdException("unknown_queue", f + ".queueId", "No queue " + q.queueId());
            }
            if (q.priority() < 0 || q.priority() > 100) {
                throw new AcdException("range", f + ".priority", "Call priority is 0..100");
            }
        } else if (n instanceof Node.Message m && (m.prompt() == null || m.prompt().isBlank())) {
            throw new AcdException("required", f + ".prompt", "A message needs a prompt");
        }
    }
}
