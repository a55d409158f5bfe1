package io.linia.customers;

import io.linia.platform.TextInput;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.customers.internal.CustomFieldRepository;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The custom fields a tenant adds to its cards (CRM-1): typed, optionally required, optionally
 * confidential (values stored only encrypted with the tenant's key, SEC-5). Key, type and
 * confidentiality are fixed once a field exists, so stored values never change meaning; a
 * field made required applies to every card saved from then on. Deleting a field deletes its
 * values. Each change is one transaction with its audit entry.
 */
@Service
public class CustomerFields {

    public static final int MAX_FIELDS = 100;
    public static final int MAX_CHOICES = 200;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final CustomFieldRepository fields;
    private final AuditLog audit;
    private final Clock clock;

    CustomerFields(CustomFieldRepository fields, AuditLog audit, Clock clock) {
        this.fields = fields;
        this.audit = audit;
        this.clock = clock;
    }

    public List<CustomFieldView> list(TenantId tenant) {
        return fields.list(tenant);
    }

    public CustomFieldView get(TenantId tenant, UUID id) {
        return fields.find(tenant, id).orElseThrow(() -> new NotFoundException("custom field", id));
    }

    @Transactional
    public CustomFieldView create(TenantId tenant, CustomFieldDraft d) {
        String key = d.key() == null ? null : d.key().strip();
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidInputException("format", "key",
                    "A key is a lower-case letter, then letters, digits or '_', up to 64 characters");
        }
        FieldType type = type(d.type());
        if (fields.keyExists(tenant, key)) {
            throw new ConflictException("duplicate_key", "key", "A field with key '" + key + "' exists");
        }
        if (fields.list(tenant).size() >= MAX_FIELDS) {
            throw new ConflictException("too_many_fields", null, "A tenant has at most " + MAX_FIELDS + " custom fields");
        }
        CustomFieldView f = validated(new CustomFieldView(UUID.randomUUID(), key, label(d.label(), key), type,
                Boolean.TRUE.equals(d.required()), Boolean.TRUE.equals(d.confidential()), choices(type, d.choices()),
                d.position() == null ? 0 : d.position(), 0));
        fields.insert(tenant, f, clock.instant());
        CustomFieldView stored = get(tenant, f.id());
        audit.record(AuditEvent.change(tenant, "customer_field.create", "customer_field", f.id(), null, stored));
        return stored;
    }

    @Transactional
    public CustomFieldView update(TenantId tenant, UUID id, CustomFieldDraft d) {
        CustomFieldView before = get(tenant, id);
        if (d.key() != null && !d.key().strip().equals(before.key())) {
            throw new InvalidInputException("immutable", "key", "A field's key cannot change (values are stored under it)");
        }
        if (d.type() != null && type(d.type()) != before.type()) {
            throw new InvalidInputException("immutable", "type", "A field's type cannot change; add a new field");
        }
        if (d.confidential() != null && d.confidential() != before.confidential()) {
            throw new InvalidInputException("immutable", "confidential",
                    "Whether a field is confidential cannot change; add a new field");
        }
        if (d.version() != null && d.version() != before.version()) {
            throw new ConflictException("stale_version", "version", "The field was changed meanwhile; reload it");
        }
        CustomFieldView f = validated(new CustomFieldView(id, before.key(),
                d.label() == null ? before.label() : label(d.label(), before.key()), before.type(),
                d.required() == null ? before.required() : d.required(), before.confidential(),
                d.choices() == null ? before.choices() : choices(before.type(), d.choices()),
                d.position() == null ? before.position() : d.position(), before.version()));
        if (!fields.update(tenant, f, before.version(), clock.instant())) {
            throw new ConflictException("stale_version", "version", "The field was changed meanwhile; reload it");
        }
        CustomFieldView after = get(tenant, id);
        audit.record(AuditEvent.change(tenant, "customer_field.update", "customer_field", id, before, after));
        return after;
    }

    /** Deletes the field and every card's value of it. */
    @Transactional
    public void delete(TenantId tenant, UUID id) {
        CustomFieldView before = get(tenant, id);
        long values = fields.valueCount(tenant, id);
        fields.delete(tenant, id);
        audit.record(AuditEvent.change(tenant, "customer_field.delete", "customer_field", id, before,
                Map.of("valuesDeleted", values)));
    }

    private static FieldType type(String type) {
        if (type == null) {
            throw new InvalidInputException("required", "type", "A field's type is TEXT, NUMBER, DATE, BOOLEAN or CHOICE");
        }
        try {
            return FieldType.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown_type", "type", "A field's type is TEXT, NUMBER, DATE, BOOLEAN or CHOICE");
        }
    }

    private static String label(String label, String key) {
        String l = TextInput.line("label", label, 200);
        return l == null ? key : l;
    }

    /**
     * A CHOICE field needs 1..200 distinct choices of up to 200 characters; other types none.
     * Choices may be added and removed later; cards keep a removed choice until edited.
     */
    private static List<String> choices(FieldType type, List<String> given) {
        if (type != FieldType.CHOICE) {
            if (given != null && !given.isEmpty()) {
                throw new InvalidInputException("not_for_type", "choices", "Only a CHOICE field has choices");
            }
            return List.of();
        }
        if (given == null || given.isEmpty()) {
            throw new InvalidInputException("required", "choices", "A CHOICE field needs its choices");
        }
        if (given.size() > MAX_CHOICES) {
            throw new InvalidInputException("too_many", "choices", "At most " + MAX_CHOICES + " choices");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String c = TextInput.line("choices[" + i + "]", given.get(i), 200);
            if (c == null) {
                throw new InvalidInputException("required", "choices[" + i + "]", "A choice cannot be empty");
            }
            if (!out.add(c)) {
                throw new InvalidInputException("duplicate_choice", "choices[" + i + "]", "'" + c + "' is there twice");
            }
        }
        return new ArrayList<>(out);
    }

    private static CustomFieldView validated(CustomFieldView f) {
        if (f.position() < 0 || f.position() > 10_000) {
            throw new InvalidInputException("range", "position", "A position is 0..10000");
        }
        return f;
    }
}
