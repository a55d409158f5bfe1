package io.linia.requests.internal;

import io.linia.platform.InvalidInputException;
import io.linia.platform.TextInput;
import java.util.regex.Pattern;

/**
 * Text rules of requests: stored as typed (pages escape them), control characters refused,
 * lengths checked, blank means "none". Pure.
 */
public final class Texts {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private Texts() {
    }

    /** A code of the constructor: {@code [a-z][a-z0-9_]*}, up to 32, required. */
    public static String code(String field, String value) {
        String v = TextInput.line(field, value, 32);
        if (v == null) {
            throw new InvalidInputException("required", field, "A code is required");
        }
        if (!CODE.matcher(v).matches()) {
            throw new InvalidInputException("format", field, "A code is a small letter, then small letters, digits or _");
        }
        return v;
    }
}
