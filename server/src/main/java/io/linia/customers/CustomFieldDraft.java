package io.linia.customers;

import java.util.List;

/**
 * A new custom field, or changes to one (null: unchanged). {@code key} ({@code [a-z][a-z0-9_]*},
 * up to 64), {@code type} and {@code confidential} are fixed once the field exists; label,
 * required, choices and position may change.
 */
public record CustomFieldDraft(
        String key,
        String label,
        String type,
        Boolean required,
        Boolean confidential,
        List<String> choices,
        Integer position,
        Integer version) {
}
