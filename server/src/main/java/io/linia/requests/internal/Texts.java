package io.linia.requests.internal;

import io.linia.platform.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Text rules of requests: stored as typed (pages escape them), control characters refused,
 * lengths checked, blank means "none". Pure.
 */
public final class Texts {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

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

    /** A code of the constructor: {@code [a-z][a-z0-9_]*}, up to 32, required. */
    public static String code(String field, String value) {
        String v = line(field, value, 32);
        if (v == null) {
            throw new InvalidInputException("required", field, "A code is required");
        }
        if (!CODE.matcher(v).matches()) {
            throw new InvalidInputException("format", field, "A code is a small letter, then small letters, digits or _");
        }
        return v;
    }

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

    private static void noControls(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new InvalidInputException("control_characters", field, "Control characters are not allowed");
            }
        }
    }
}
