package io.linia.requests.internal;

import io.linia.platform.TextInput;
import io.linia.platform.InvalidInputException;
import io.linia.requests.ProjectSetup;
import io.linia.requests.ProjectSetup.Dictionary;
import io.linia.requests.ProjectSetup.ExecutorGroup;
import io.linia.requests.ProjectSetup.Field;
import io.linia.requests.ProjectSetup.Operation;
import io.linia.requests.ProjectSetup.RequestType;
import io.linia.requests.ProjectSetup.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of a project's constructor (CASE-2), pure: {@link #check} normalizes a document or
 * refuses it naming the field ({@code types[1].fields[0].dictionary}); the queries answer what
 * the requests need (the initial status, whether a transition is allowed, a type's fields).
 */
public final class SetupRules {

    public static final Set<String> FIELD_TYPES = Set.of("TEXT", "NUMBER", "DATE", "BOOLEAN", "CHOICE");
    public static final Set<String> EVENTS = Set.of("registered", "status_changed", "overdue");
    public static final Set<String> RECIPIENTS = Set.of("CUSTOMER", "EXECUTORS", "MANAGERS");
    static final int MAX_MINUTES = 525_600;

    private SetupRules() {
    }

    /** What a project without a setup of its own works with: one type, four statuses, the usual operations. */
    public static ProjectSetup defaults() {
        return new ProjectSetup(List.of(),
                List.of(new RequestType("general", "General", null, null, List.of(), List.of(), List.of())),
                List.of(new Status("new", "New", true, false), new Status("in_progress", "In progress", false, false),
                        new Status("resolved", "Resolved", false, true), new Status("closed", "Closed", false, true)),
                List.of(new Operation("take", "Take into work", List.of("new"), "in_progress"),
                        new Operation("resolve", "Resolve", List.of(), "resolved"),
                        new Operation("close", "Close", List.of("resolved"), "closed"),
                        new Operation("reopen", "Reopen", List.of("resolved", "closed"), "in_progress")),
                List.of(),
                Map.of("registered", List.of("CUSTOMER", "EXECUTORS"), "status_changed", List.of("CUSTOMER"),
                        "overdue", List.of("MANAGERS", "EXECUTORS")),
                List.of(), 0);
    }

    /**
     * The document checked and normalized (trimmed texts, defaults filled in). {@code previous}:
     * the stored one, whose fields keep their type and confidentiality ({@code immutable}).
     */
    public static ProjectSetup check(ProjectSetup s, ProjectSetup previous) {
        List<Dictionary> dictionaries = new ArrayList<>();
        Set<String> dictCodes = new HashSet<>();
        List<Dictionary> givenDicts = orEmpty(s.dictionaries());
        for (int i = 0; i < givenDicts.size(); i++) {
            Dictionary d = notNull(givenDicts.get(i), "dictionaries[" + i + "]");
            String p = "dictionaries[" + i + "]";
            String code = unique(dictCodes, p + ".code", Texts.code(p + ".code", d.code()));
            String name = orCode(TextInput.line(p + ".name", d.name(), 200), code);
            List<String> items = orEmpty(d.items());
            if (items.isEmpty() || items.size() > 500) {
                throw new InvalidInputException("range", p + ".items", "A dictionary has 1 to 500 items");
            }
            LinkedHashSet<String> clean = new LinkedHashSet<>();
            for (int j = 0; j < items.size(); j++) {
                String item = TextInput.required(p + ".items[" + j + "]", items.get(j), 200);
                if (!clean.add(item)) {
                    throw new InvalidInputException("duplicate_item", p + ".items[" + j + "]", "'" + item + "' twice");
                }
            }
            dictionaries.add(new Dictionary(code, name, List.copyOf(clean)));
        }

        List<Status> statuses = new ArrayList<>();
        Set<String> statusCodes = new HashSet<>();
        List<Status> givenStatuses = orEmpty(s.statuses());
        if (givenStatuses.isEmpty()) {
            throw new InvalidInputException("required", "statuses", "A project needs statuses");
        }
        int initials = 0;
        for (int i = 0; i < givenStatuses.size(); i++) {
            Status st = notNull(givenStatuses.get(i), "statuses[" + i + "]");
            String p = "statuses[" + i + "]";
            String code = unique(statusCodes, p + ".code", Texts.code(p + ".code", st.code()));
            boolean initial = Boolean.TRUE.equals(st.initial());
            boolean closing = Boolean.TRUE.equals(st.closing());
            if (initial && closing) {
                throw new InvalidInputException("initial_final", p + ".final", "The initial status cannot be final");
            }
            initials += initial ? 1 : 0;
            statuses.add(new Status(code, orCode(TextInput.line(p + ".name", st.name(), 200), code), initial, closing));
        }
        if (initials != 1) {
            throw new InvalidInputException("one_initial", "statuses", "Exactly one status is initial");
        }

        List<Operation> operations = new ArrayList<>();
        Set<String> opCodes = new HashSet<>();
        List<Operation> givenOps = orEmpty(s.operations());
        for (int i = 0; i < givenOps.size(); i++) {
            Operation op = notNull(givenOps.get(i), "operations[" + i + "]");
            String p = "operations[" + i + "]";
            String code = unique(opCodes, p + ".code", Texts.code(p + ".code", op.code()));
            String to = Texts.code(p + ".to", op.to());
            if (!statusCodes.contains(to)) {
                throw new InvalidInputException("unknown_status", p + ".to", "No status '" + to + "'");
            }
            List<String> from = new ArrayList<>();
            List<String> givenFrom = orEmpty(op.from());
            for (int j = 0; j < givenFrom.size(); j++) {
                String f = Texts.code(p + ".from[" + j + "]", givenFrom.get(j));
                if (!statusCodes.contains(f)) {
                    throw new InvalidInputException("unknown_status", p + ".from[" + j + "]", "No status '" + f + "'");
                }
                from.add(f);
            }
            operations.add(new Operation(code, orCode(TextInput.line(p + ".name", op.name(), 200), code), List.copyOf(from), to));
        }

        List<ExecutorGroup> groups = new ArrayList<>();
        Set<String> groupCodes = new HashSet<>();
        List<ExecutorGroup> givenGroups = orEmpty(s.groups());
        for (int i = 0; i < givenGroups.size(); i++) {
            ExecutorGroup g = notNull(givenGroups.get(i), "groups[" + i + "]");
            String p = "groups[" + i + "]";
            String code = unique(groupCodes, p + ".code", Texts.code(p + ".code", g.code()));
            groups.add(new ExecutorGroup(code, orCode(TextInput.line(p + ".name", g.name(), 200), code),
                    ids(p + ".users", g.users())));
        }

        List<RequestType> types = new ArrayList<>();
        Set<String> typeCodes = new HashSet<>();
        List<RequestType> givenTypes = orEmpty(s.types());
        if (givenTypes.isEmpty()) {
            throw new InvalidInputException("required", "types", "A project needs at least one request type");
        }
        for (int i = 0; i < givenTypes.size(); i++) {
            RequestType t = notNull(givenTypes.get(i), "types[" + i + "]");
            String p = "types[" + i + "]";
            String code = unique(typeCodes, p + ".code", Texts.code(p + ".code", t.code()));
            Integer reaction = minutes(p + ".reactionMinutes", t.reactionMinutes());
            Integer resolution = minutes(p + ".resolutionMinutes", t.resolutionMinutes());
            List<Field> fields = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            List<Field> givenFields = orEmpty(t.fields());
            if (givenFields.size() > 100) {
                throw new InvalidInputException("too_many", p + ".fields", "At most 100 fields");
            }
            for (int j = 0; j < givenFields.size(); j++) {
                Field f = notNull(givenFields.get(j), p + ".fields[" + j + "]");
                String fp = p + ".fields[" + j + "]";
                String key = unique(keys, fp + ".key", Texts.code(fp + ".key", f.key()));
                String type = f.type() == null ? null : f.type().strip().toUpperCase(java.util.Locale.ROOT);
                if (type == null || !FIELD_TYPES.contains(type)) {
                    throw new InvalidInputException("unknown_type", fp + ".type", "A field type is one of " + FIELD_TYPES);
                }
                String dictionary = null;
                if (type.equals("CHOICE")) {
                    dictionary = Texts.code(fp + ".dictionary", f.dictionary());
                    if (!dictCodes.contains(dictionary)) {
                        throw new InvalidInputException("unknown_dictionary", fp + ".dictionary", "No dictionary '" + dictionary + "'");
                    }
                } else if (f.dictionary() != null) {
                    throw new InvalidInputException("not_a_choice", fp + ".dictionary", "Only CHOICE fields take a dictionary");
                }
                boolean confidential = Boolean.TRUE.equals(f.confidential());
                Field before = previous == null ? null : field(previous, code, key).orElse(null);
                if (before != null && (!before.type().equals(type) || before.confidential() != confidential)) {
                    throw new InvalidInputException("immutable", fp + ".type", "A field keeps its type and confidentiality; "
                            + "add a field with a new key instead");
                }
                fields.add(new Field(key, orCode(TextInput.line(fp + ".label", f.label(), 200), key), type,
                        Boolean.TRUE.equals(f.required()), confidential, dictionary));
            }
            List<String> typeGroups = new ArrayList<>();
            List<String> givenTypeGroups = orEmpty(t.groups());
            for (int j = 0; j < givenTypeGroups.size(); j++) {
                String g = Texts.code(p + ".groups[" + j + "]", givenTypeGroups.get(j));
                if (!groupCodes.contains(g)) {
                    throw new InvalidInputException("unknown_group", p + ".groups[" + j + "]", "No executor group '" + g + "'");
                }
                typeGroups.add(g);
            }
            types.add(new RequestType(code, orCode(TextInput.line(p + ".name", t.name(), 200), code), reaction, resolution,
                    List.copyOf(fields), ids(p + ".executors", t.executors()), List.copyOf(typeGroups)));
        }

        Map<String, List<String>> notifications = new LinkedHashMap<>();
        Map<String, List<String>> givenNotes = s.notifications() == null ? defaults().notifications() : s.notifications();
        for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(givenNotes).entrySet()) {
            if (!EVENTS.contains(e.getKey())) {
                throw new InvalidInputException("unknown_event", "notifications." + e.getKey(), "Events: " + EVENTS);
            }
            List<String> who = new ArrayList<>();
            for (String r : orEmpty(e.getValue())) {
                String v = r == null ? "" : r.strip().toUpperCase(java.util.Locale.ROOT);
                if (!RECIPIENTS.contains(v)) {
                    throw new InvalidInputException("unknown_recipient", "notifications." + e.getKey(), "Recipients: " + RECIPIENTS);
                }
                if (!who.contains(v)) {
                    who.add(v);
                }
            }
            notifications.put(e.getKey(), List.copyOf(who));
        }
        return new ProjectSetup(List.copyOf(dictionaries), List.copyOf(types), List.copyOf(statuses),
                List.copyOf(operations), List.copyOf(groups), notifications, ids("customerUsers", s.customerUsers()),
                s.version());
    }

    public static Optional<RequestType> type(ProjectSetup s, String code) {
        return s.types().stream().filter(t -> t.code().equals(code)).findFirst();
    }

    public static Optional<Status> status(ProjectSetup s, String code) {
        return s.statuses().stream().filter(t -> t.code().equals(code)).findFirst();
    }

    public static Status initial(ProjectSetup s) {
        return s.statuses().stream().filter(Status::initial).findFirst().orElseThrow();
    }

    public static Optional<Field> field(ProjectSetup s, String type, String key) {
        return type(s, type).flatMap(t -> t.fields().stream().filter(f -> f.key().equals(key)).findFirst());
    }

    public static Optional<Dictionary> dictionary(ProjectSetup s, String code) {
        return s.dictionaries().stream().filter(d -> d.code().equals(code)).findFirst();
    }

    /** The operation that moves a request from {@code from} to {@code to}, if the project allows it. */
    public static Optional<Operation> transition(ProjectSetup s, String from, String to) {
        boolean fromFinal = status(s, from).map(Status::closing).orElse(false);
        return s.operations().stream()
                .filter(o -> o.to().equals(to))
                .filter(o -> o.from().isEmpty() ? !fromFinal : o.from().contains(from))
                .findFirst();
    }

    /** The operations open from {@code from}, for pages. */
    public static List<Operation> operationsFrom(ProjectSetup s, String from) {
        boolean fromFinal = status(s, from).map(Status::closing).orElse(false);
        return s.operations().stream().filter(o -> o.from().isEmpty() ? !fromFinal : o.from().contains(from))
                .filter(o -> !o.to().equals(from)).toList();
    }

    /** Every user id the document names (executors, group members, customer users), for the existence check. */
    public static Map<String, UUID> users(ProjectSetup s) {
        Map<String, UUID> out = new LinkedHashMap<>();
        for (int i = 0; i < s.types().size(); i++) {
            List<UUID> ex = s.types().get(i).executors();
            for (int j = 0; j < ex.size(); j++) {
                out.put("types[" + i + "].executors[" + j + "]", ex.get(j));
            }
        }
        for (int i = 0; i < s.groups().size(); i++) {
            List<UUID> us = s.groups().get(i).users();
            for (int j = 0; j < us.size(); j++) {
                out.put("groups[" + i + "].users[" + j + "]", us.get(j));
            }
        }
        for (int i = 0; i < s.customerUsers().size(); i++) {
            out.put("customerUsers[" + i + "]", s.customerUsers().get(i));
        }
        return out;
    }

    private static Integer minutes(String field, Integer m) {
        if (m != null && (m < 1 || m > MAX_MINUTES)) {
            throw new InvalidInputException("range", field, "1 to " + MAX_MINUTES + " minutes");
        }
        return m;
    }

    private static List<UUID> ids(String field, List<UUID> ids) {
        LinkedHashSet<UUID> out = new LinkedHashSet<>();
        List<UUID> given = orEmpty(ids);
        if (given.size() > 1000) {
            throw new InvalidInputException("too_many", field, "At most 1000");
        }
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) == null) {
                throw new InvalidInputException("required", field + "[" + i + "]", "A user id is required");
            }
            out.add(given.get(i));
        }
        return List.copyOf(out);
    }

    private static String unique(Set<String> seen, String field, String code) {
        if (!seen.add(code)) {
            throw new InvalidInputException("duplicate_code", field, "'" + code + "' twice");
        }
        return code;
    }

    private static String orCode(String name, String code) {
        return name == null ? code : name;
    }

    private static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new InvalidInputException("required", field, "An entry is required");
        }
        return value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
