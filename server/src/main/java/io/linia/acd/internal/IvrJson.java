package io.linia.acd.internal;

import io.linia.acd.engine.ivr.Node;
import io.linia.platform.InvalidInputException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The API's JSON form of IVR nodes. Each node has an {@code id} and a {@code type}:
 * {@code menu} (prompt, options {digit: node}, timeoutSeconds, retries, onFailure),
 * {@code schedule} (zone, hours {MONDAY: [["09:00","18:00"]]}, holidays ["2026-03-08"], open,
 * closed), {@code caller_check} (numbers, listed, others), {@code queue} (queueId, priority,
 * topic), {@code message} (prompt). Shape errors are 422 naming the node and field.
 */
public final class IvrJson {

    private IvrJson() {
    }

    public static List<Node> parse(JsonNode nodes) {
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            throw new InvalidInputException("required", "nodes", "An IVR needs a list of nodes");
        }
        List<Node> result = new ArrayList<>();
        for (JsonNode n : nodes) {
            String id = text(n, "id", "nodes");
            String f = "nodes." + id;
            String type = text(n, "type", f);
            result.add(switch (type) {
                case "menu" -> new Node.Menu(id, text(n, "prompt", f), options(n, f), integer(n, "timeoutSeconds", 5),
                        integer(n, "retries", 2), text(n, "onFailure", f));
                case "schedule" -> new Node.Schedule(id, text(n, "zone", f), hours(n, f), holidays(n, f),
                        text(n, "open", f), text(n, "closed", f));
                case "caller_check" -> new Node.CallerCheck(id, strings(n, "numbers"), text(n, "listed", f),
                        text(n, "others", f));
                case "queue" -> new Node.ToQueue(id, text(n, "queueId", f), integer(n, "priority", 0),
                        n.has("topic") && !n.get("topic").isNull() ? n.get("topic").asString() : null);
                case "message" -> new Node.Message(id, text(n, "prompt", f));
                case "data_dip" -> new Node.DataDip(id, text(n, "url", f), integer(n, "timeoutMs", 2000),
                        text(n, "field", f), map(n, "routes"), text(n, "otherwise", f), text(n, "onError", f));
                default -> throw new InvalidInputException("unknown_type", f + ".type",
                        "A node type is menu, schedule, caller_check, data_dip, queue or message");
            });
        }
        return result;
    }

    private static String text(JsonNode n, String field, String prefix) {
        JsonNode v = n.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw new InvalidInputException("required", prefix + "." + field, "Missing " + field);
        }
        return v.asString();
    }

    private static int integer(JsonNode n, String field, int fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : v.asInt();
    }

    private static Map<String, String> options(JsonNode n, String f) {
        JsonNode o = n.get("options");
        if (o == null || !o.isObject()) {
            throw new InvalidInputException("required", f + ".options", "A menu needs options {key: node}");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : o.propertyNames()) {
            result.put(key, o.get(key).asString());
        }
        return result;
    }

    private static Map<String, String> map(JsonNode n, String field) {
        Map<String, String> result = new LinkedHashMap<>();
        JsonNode o = n.get(field);
        if (o != null && o.isObject()) {
            for (String key : o.propertyNames()) {
                result.put(key, o.get(key).asString());
            }
        }
        return result;
    }

    private static Map<DayOfWeek, List<Node.Hours>> hours(JsonNode n, String f) {
        Map<DayOfWeek, List<Node.Hours>> result = new LinkedHashMap<>();
        JsonNode h = n.get("hours");
        if (h == null) {
            return result;
        }
        for (String day : h.propertyNames()) {
            try {
                List<Node.Hours> list = new ArrayList<>();
                for (JsonNode range : h.get(day)) {
                    list.add(new Node.Hours(LocalTime.parse(range.get(0).asString()), LocalTime.parse(range.get(1).asString())));
                }
                result.put(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)), list);
            } catch (RuntimeException e) {
                throw new InvalidInputException("format", f + ".hours." + day,
                        "Hours are {\"MONDAY\": [[\"09:00\", \"18:00\"]]}");
            }
        }
        return result;
    }

    private static Set<LocalDate> holidays(JsonNode n, String f) {
        Set<LocalDate> result = new LinkedHashSet<>();
        for (String d : strings(n, "holidays")) {
            try {
                result.add(LocalDate.parse(d));
            } catch (DateTimeException e) {
                throw new InvalidInputException("format", f + ".holidays", "A holiday is a date like 2026-03-08");
            }
        }
        return result;
    }

    private static Set<String> strings(JsonNode n, String field) {
        Set<String> result = new LinkedHashSet<>();
        JsonNode v = n.get(field);
        if (v != null && v.isArray()) {
            v.forEach(x -> result.add(x.asString()));
        }
        return result;
    }
}
