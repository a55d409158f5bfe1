package io.linia.customers.internal;

import io.linia.customers.CustomFieldView;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import io.linia.platform.crypto.ConfidentialStorageDisabledException;
import io.linia.platform.crypto.TenantCrypto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A card's values of the tenant's custom fields: checked against the definitions, stored as
 * canonical text, or, for confidential fields, only as ciphertext under the tenant's data key
 * (SEC-5) bound to the card and the field ({@link #aad}), so a value copied to another card or
 * field does not decrypt.
 */
@Component
public class CardFields {

    /** What a card shows: values by key, and the keys of confidential values left out (or revealed). */
    public record Shown(Map<String, Object> values, List<String> hidden, List<String> revealed) {
    }

    private final CustomFieldRepository fields;
    private final TenantCrypto crypto;

    CardFields(CustomFieldRepository fields, TenantCrypto crypto) {
        this.fields = fields;
        this.crypto = crypto;
    }

    /**
     * The changes {@code given} makes (field id → canonical value, {@code null} to remove), after
     * checking every key is a field ({@code unknown_field}), every value fits its type, and every
     * required field has a value afterwards ({@code required}); {@code present}: the fields the
     * card has values of now.
     */
    public Map<UUID, String> changes(List<CustomFieldView> defs, Map<String, Object> given, Set<UUID> present) {
        Map<String, CustomFieldView> byKey = new HashMap<>();
        defs.forEach(f -> byKey.put(f.key(), f));
        Map<UUID, String> changes = new LinkedHashMap<>();
        if (given != null) {
            for (Map.Entry<String, Object> e : new TreeMap<>(given).entrySet()) {
                CustomFieldView f = byKey.get(e.getKey());
                if (f == null) {
                    throw new InvalidInputException("unknown_field", "customFields." + e.getKey(),
                            "The tenant has no custom field '" + e.getKey() + "'");
                }
                changes.put(f.id(), e.getValue() == null ? null : CustomValues.canonical(f, e.getValue()));
            }
        }
        for (CustomFieldView f : defs) {
            boolean has = changes.containsKey(f.id()) ? changes.get(f.id()) != null : present.contains(f.id());
            if (f.required() && !has) {
                throw new InvalidInputException("required", "customFields." + f.key(), "'" + f.label() + "' is required");
            }
        }
        return changes;
    }

    public Set<UUID> present(TenantId tenant, UUID customerId) {
        return fields.values(tenant, customerId).keySet();
    }

    /** Stores the changes; a confidential value is encrypted first, or refused when the tenant stores none (SEC-6). */
    public void store(TenantId tenant, UUID customerId, List<CustomFieldView> defs, Map<UUID, String> changes) {
        Map<UUID, CustomFieldView> byId = new HashMap<>();
        defs.forEach(f -> byId.put(f.id(), f));
        changes.forEach((fieldId, value) -> {
            CustomFieldView f = byId.get(fieldId);
            if (value == null) {
                fields.remove(tenant, customerId, fieldId);
            } else if (f.confidential()) {
                byte[] secret;
                try {
                    secret = crypto.encrypt(tenant, value.getBytes(StandardCharsets.UTF_8), aad(customerId, fieldId));
                } catch (ConfidentialStorageDisabledException e) {
                    throw new InvalidInputException(ConfidentialStorageDisabledException.CODE, "customFields." + f.key(),
                            "This tenant stores no confidential data (SEC-6), so '" + f.label() + "' cannot be kept");
                }
                fields.put(tenant, customerId, fieldId, null, secret);
            } else {
                fields.put(tenant, customerId, fieldId, value, null);
            }
        });
    }

    /** The card's values; confidential ones decrypted only when {@code reveal}, else listed as hidden. */
    public Shown show(TenantId tenant, UUID customerId, List<CustomFieldView> defs, boolean reveal) {
        Map<UUID, CustomFieldRepository.StoredValue> stored = fields.values(tenant, customerId);
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> hidden = new ArrayList<>();
        List<String> revealed = new ArrayList<>();
        for (CustomFieldView f : defs) {
            CustomFieldRepository.StoredValue v = stored.get(f.id());
            if (v == null) {
                continue;
            }
            if (v.secret() == null) {
                values.put(f.key(), CustomValues.typed(f.type(), v.value()));
            } else if (reveal) {
                String plain = new String(crypto.decrypt(tenant, v.secret(), aad(customerId, f.id())), StandardCharsets.UTF_8);
                values.put(f.key(), CustomValues.typed(f.type(), plain));
                revealed.add(f.key());
            } else {
                hidden.add(f.key());
            }
        }
        return new Shown(values, List.copyOf(hidden), List.copyOf(revealed));
    }

    /**
     * The ciphertext of a confidential value for a card not stored yet (a bulk import); {@code
     * null} when the tenant stores no confidential data (SEC-6), so the caller can refuse the row.
     */
    public byte[] seal(TenantId tenant, UUID customerId, UUID fieldId, String value) {
        try {
            return crypto.encrypt(tenant, value.getBytes(StandardCharsets.UTF_8), aad(customerId, fieldId));
        } catch (ConfidentialStorageDisabledException e) {
            return null;
        }
    }

    /** A confidential value in plain text (an export that reveals them). */
    public String open(TenantId tenant, UUID customerId, UUID fieldId, byte[] secret) {
        return new String(crypto.decrypt(tenant, secret, aad(customerId, fieldId)), StandardCharsets.UTF_8);
    }

    private static byte[] aad(UUID customerId, UUID fieldId) {
        return ("customer-field:" + customerId + ":" + fieldId).getBytes(StandardCharsets.UTF_8);
    }
}
