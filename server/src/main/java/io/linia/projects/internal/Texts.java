package io.linia.projects.internal;

import io.linia.platform.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Text rules of projects: stored as typed (pages escape them), control characters refused,
 * lengths checked, blank means "none". Pure.
 */
public final class Texts {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    public static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");

    private Texts() {
    }

    public static String line(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        noControls(field, value);
        return checked(field, WHITESPACE.matcher(value.strip()).replaceAll(" "), max);
    }

    public static String lines(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        noControls(field, value);
        return checked(field, value.replace("\r\n", "\n").replace('\r', '\n').strip(), max);
    }

    /** A project code: a letter, then letters, digits, {@code _} or {@code -}, up to 32; stored upper-case. */
    public static String code(String field, String value) {
        String v = line(field, value, 32);
        if (v == null) {
            throw new InvalidInputException("required", field, "A code is required");
        }
        if (!CODE.matcher(v).matches()) {
            throw new InvalidInputException("format", field, "A code is a letter, then letters, digits, _ or -");
        }
        return v.toUpperCase(java.util.Locale.ROOT);
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

    private static void noControls(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new InvalidInputException("control_characters", field, "Control characters are not allowed");
            }
        }
    }
}
