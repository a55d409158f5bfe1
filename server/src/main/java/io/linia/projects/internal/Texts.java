package io.linia.projects.internal;

import io.linia.platform.InvalidInputException;
import io.linia.platform.TextInput;
import java.util.regex.Pattern;

/**
 * Text rules of projects: stored as typed (pages escape them), control characters refused,
 * lengths checked, blank means "none". Pure.
 */
public final class Texts {

    public static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");

    private Texts() {
    }

    /** A project code: a letter, then letters, digits, {@code _} or {@code -}, up to 32; stored upper-case. */
    public static String code(String field, String value) {
        String v = TextInput.line(field, value, 32);
        if (v == null) {
            throw new InvalidInputException("required", field, "A code is required");
        }
        if (!CODE.matcher(v).matches()) {
            throw new InvalidInputException("format", field, "A code is a letter, then letters, digits, _ or -");
        }
        return v.toUpperCase(java.util.Locale.ROOT);
    }
}
