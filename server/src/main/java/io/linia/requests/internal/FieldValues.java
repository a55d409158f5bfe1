package io.linia.requests.internal;

import io.linia.platform.TextInput;
import io.linia.platform.InvalidInputException;
import io.linia.requests.ProjectSetup;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A request's field values against its type (CASE-2), pure: every key must be a field of the
 * type, every value fit its type (never coerced: {@code "42"} is no number), every required field
 * have a value afterwards. Values are kept as canonical text.
 */
public final class FieldValues {

    private FieldValues() {
    }

    /**
     * The changes {@code given} makes (key → canonical value, {@code null} to remove);
     * {@code present}: the keys the request has values of now (none for a new one).
     */
    public static Map<String, String> changes(ProjectSetup setup, String type, Map<String, Object> given, Set<String> present) {
        ProjectSetup.RequestType t = SetupRules.type(setup, type).orElseThrow();
        Map<String, String> out = new LinkedHashMap<>();
        if (given != null) {
            if (given.size() > 100) {
                throw new InvalidInputException("too_many", "fields", "At most 100 fields");
            }
            for (Map.Entry<String, Object> e : new TreeMap<>(given).entrySet()) {
                ProjectSetup.Field f = t.fields().stream().filter(x -> x.key().equals(e.getKey())).findFirst()
                        .orElseThrow(() -> new InvalidInputException("unknown_field", "fields." + e.getKey(),
                                "Type '" + type + "' has no field '" + e.getKey() + "'"));
                out.put(f.key(), e.getValue() == null ? null : canonical(setup, f, e.getValue()));
            }
        }
        for (ProjectSetup.Field f : t.fields()) {
            boolean has = out.containsKey(f.key()) ? out.get(f.key()) != null : present.contains(f.key());
            if (f.required() && !has) {
                throw new InvalidInputException("required", "fields." + f.key(), "'" + f.label() + "' is required");
            }
        }
        return out;
    }

    static String canonical(ProjectSetup setup, ProjectSetup.Field f, Object v) {
        String field = "fields." + f.key();
        switch (f.type()) {
            case "TEXT" -> {
                if (!(v instanceof String s)) {
                    throw wrong(field, "text");
                }
                String t = TextInput.lines(field, s, 2000);
                if (t == null) {
                    throw new InvalidInputException("required", field, "A text is required; send null to remove the value");
                }
                return t;
            }
            case "NUMBER" -> {
                if (!(v instanceof Number n)) {
                    throw wrong(field, "number");
                }
                BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
                if (d.precision() > 30) {
                    throw new InvalidInputException("too_long", field, "At most 30 digits");
                }
                return d.stripTrailingZeros().toPlainString();
            }
            case "DATE" -> {
                if (!(v instanceof String s)) {
                    throw wrong(field, "date yyyy-MM-dd");
                }
                try {
                    return LocalDate.parse(s.strip()).toString();
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException("format", field, "A date is yyyy-MM-dd");
                }
            }
            case "BOOLEAN" -> {
                if (!(v instanceof Boolean b)) {
                    throw wrong(field, "true or false");
                }
                return b.toString();
            }
            case "CHOICE" -> {
                if (!(v instanceof String s)) {
                    throw wrong(field, "one of the dictionary's items");
                }
                String item = s.strip();
                if (!SetupRules.dictionary(setup, f.dictionary()).orElseThrow().items().contains(item)) {
                    throw new InvalidInputException("unknown_choice", field, "'" + item + "' is not in dictionary '"
                            + f.dictionary() + "'");
                }
                return item;
            }
            default -> throw new IllegalStateException(f.type());
        }
    }

    /** The canonical text as its JSON value. */
    public static Object typed(String type, String value) {
        return switch (type) {
            case "NUMBER" -> new BigDecimal(value);
            case "BOOLEAN" -> Boolean.valueOf(value);
            default -> value;
        };
    }

    private static InvalidInputException wrong(String field, String what) {
        return new InvalidInputException("wrong_type", field, "Expected " + what);
    }
}
