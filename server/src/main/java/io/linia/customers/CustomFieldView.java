package io.linia.customers;

import java.util.List;
import java.util.UUID;

/**
 * A tenant-defined field of the cards. {@code key} names the value in a card's
 * {@code customFields}; {@code choices} are the allowed values of a {@code CHOICE} field.
 * A {@code confidential} field's values are stored only encrypted with the tenant's key.
 */
public record CustomFieldView(
        UUID id,
        String key,
        String label,
        FieldType type,
        boolean required,
        boolean confidential,
        List<String> choices,
        int position,
        int version) {
}
