package io.linia.kb.internal;

import io.linia.platform.InvalidInputException;

/**
 * Checks of the knowledge base's Markdown, kept as typed but for line ends (one-line texts go
 * through {@link io.linia.platform.TextInput}): a named field, a stable code, nothing stored on failure.
 */
public final class KbTexts {

    private KbTexts() {
    }

    /** Many lines (Markdown): kept as typed but for line ends; tabs and newlines are the only control characters allowed. */
    public static String text(String field, String value, int max) {
        String v = value == null ? "" : value.replace("\r\n", "\n").replace('\r', '\n');
        if (v.length() > max) {
            throw new InvalidInputException("too_long", field, "At most " + max + " characters");
        }
        noControls(field, v.replace('\n', ' ').replace('\t', ' '));
        return v;
    }

    private static void noControls(String field, String v) {
        if (v.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new InvalidInputException("control_characters", field, "Control characters are not allowed");
        }
    }
}
