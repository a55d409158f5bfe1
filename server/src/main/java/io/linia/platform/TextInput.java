package io.linia.platform;

import java.util.regex.Pattern;

/**
 * How typed text is taken in everywhere (customers, projects, requests …): stored as typed —
 * pages escape it — but trimmed, with control characters refused (422
 * {@code control_characters}), a length limit (422 {@code too_long}) and blank read as
 * absent. Each error names the field.
 */
public final class TextInput {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private TextInput() {
    }

    /** One line: trimmed, inner whitespace runs made one space; blank becomes {@code null}. */
    public static String line(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        noControls(field, value);
        return checked(field, WHITESPACE.matcher(value.strip()).replaceAll(" "), max);
    }

    /** Several lines (notes, addresses, descriptions): trimmed, line ends as {@code \n}; blank becomes {@code null}. */
    public static String lines(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        noControls(field, value);
        return checked(field, value.replace("\r\n", "\n").replace('\r', '\n').strip(), max);
    }

    /** Like {@link #line}, but a blank value is 422 {@code required}. */
    public static String required(String field, String value, int max) {
        String v = line(field, value, max);
        if (v == null) {
            throw new InvalidInputException("required", field, "A value is required");
        }
        return v;
    }

    private static String checked(String field, String v, int max) {
        if (v.isEmpty()) {
            return null;
        }
        if (v.length() > max) {
            throw new InvalidInputException("too_long", field, "At most " + max + " characters");
        }
        return v;
    }

    /** Tabs and line ends are whitespace (a one-line value gets them made spaces); other controls are refused. */
    private static void noControls(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new InvalidInputException("control_characters", field, "Control characters are not allowed");
            }
        }
    }
}
