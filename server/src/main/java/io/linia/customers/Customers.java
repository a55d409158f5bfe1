package io.linia.customers;

import io.linia.platform.TextInput;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.customers.internal.Card;
import io.linia.customers.internal.CardFields;
import io.linia.customers.internal.CardRules;
import io.linia.customers.internal.CustomFieldRepository;
import io.linia.customers.internal.CustomerRepository;
import io.linia.customers.internal.CustomerSearch;
import io.linia.customers.internal.Texts;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer cards (CRM-1) and finding them by phone or e-mail (CRM-2). Each change is one
 * transaction: check, store, audit (the card as shown without confidential values).
 *
 * <p>Duplicates: a phone may be on several cards (the people of one organization share its
 * switchboard), but a second card of the same kind and display name (case and spacing aside)
 * with a phone already on such a card is the same customer twice: {@code 409
 * duplicate_customer}, naming the phone. Cards without phones are never duplicates by name
 * alone (two Ivan Petrovs are two people).
 *
 * <p>Other modules call {@link #byPhone} and {@link #byEmail} in the tenant's context (as the
 * web edge and the call handling set it); they never throw on a caller id that is no number.
 */
@Service
public class Customers {

    /** The most cards a match returns: a number on more cards than this is a switchboard, not a customer. */
    public static final int MATCH_LIMIT = 50;

    private final CustomerRepository cards;
    private final CustomFieldRepository fieldDefs;
    private final CardFields fields;
    private final CustomerSettings settings;
    private final AuditLog audit;
    private final Clock clock;

    Customers(CustomerRepository cards, CustomFieldRepository fieldDefs, CardFields fields, CustomerSettings settings,
              AuditLog audit, Clock clock) {
        this.cards = cards;
        this.fieldDefs = fieldDefs;
        this.fields = fields;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** The card, with the values of confidential fields left out (their keys in {@code hiddenFields}). */
    public CustomerView get(TenantId tenant, UUID id) {
        return view(tenant, id, false);
    }

    /** The card with confidential values decrypted; audited as {@code customer.confidential_read} (AUD-3). */
    @Transactional
    public CustomerView reveal(TenantId tenant, UUID id) {
        CustomerView card = view(tenant, id, true);
        if (!card.hiddenFields().isEmpty()) {
            audit.record(AuditEvent.change(tenant, "customer.confidential_read", "customer", id, null,
                    Map.of("fields", card.hiddenFields())));
        }
        return card;
    }

    @Transactional
    public CustomerView create(TenantId tenant, CustomerDraft draft, Author author) {
        Card card = CardRules.apply(null, draft, settings.defaultRegion(tenant));
        checkOrganization(tenant, card);
        List<CustomFieldView> defs = fieldDefs.list(tenant);
        Map<UUID, String> values = fields.changes(defs, draft.customFields(), Set.of());
        List<String> notes = notes(draft.notes());
        UUID id = UUID.randomUUID();
        notDuplicate(tenant, card, null);
        Instant now = clock.instant();
        cards.insert(tenant, id, card, now);
        fields.store(tenant, id, defs, values);
        notes.forEach(text -> cards.addNote(tenant, UUID.randomUUID(), id, text, author.userId(), author.name(), now));
        CustomerView created = get(tenant, id);
        audit.record(AuditEvent.change(tenant, "customer.create", "customer", id, null, created));
        return created;
    }

    /** Applies the changes of {@code draft} ({@link CustomerDraft} says how each field is read). */
    @Transactional
    public CustomerView update(TenantId tenant, UUID id, CustomerDraft draft, Author author) {
        CustomerView before = get(tenant, id);
        if (draft.version() != null && draft.version() != before.version()) {
            throw new ConflictException("stale_version", "version", "The card was changed meanwhile; reload it");
        }
        Card card = CardRules.apply(before, draft, settings.defaultRegion(tenant));
        checkOrganization(tenant, card);
        List<CustomFieldView> defs = fieldDefs.list(tenant);
        Map<UUID, String> values = fields.changes(defs, draft.customFields(), fields.present(tenant, id));
        List<String> notes = notes(draft.notes());
        notDuplicate(tenant, card, id);
        Instant now = clock.instant();
        if (!cards.update(tenant, id, card, before.version(), now)) {
            throw new ConflictException("stale_version", "version", "The card was changed meanwhile; reload it");
        }
        fields.store(tenant, id, defs, values);
        notes.forEach(text -> cards.addNote(tenant, UUID.randomUUID(), id, text, author.userId(), author.name(), now));
        CustomerView after = get(tenant, id);
        audit.record(AuditEvent.change(tenant, "customer.update", "customer", id, before, after));
        return after;
    }

    /** Deletes the card with its phones, e-mails, notes and values; people linked to a deleted organization stay, unlinked. */
    @Transactional
    public void delete(TenantId tenant, UUID id) {
        CustomerView before = get(tenant, id);
        cards.delete(tenant, id);
        audit.record(AuditEvent.change(tenant, "customer.delete", "customer", id, before, null));
    }

    @Transactional
    public CustomerView.Note addNote(TenantId tenant, UUID customerId, String text, Author author) {
        get(tenant, customerId);
        String t = TextInput.lines("text", text, 4000);
        if (t == null) {
            throw new InvalidInputException("required", "text", "A note needs a text");
        }
        UUID noteId = UUID.randomUUID();
        cards.addNote(tenant, noteId, customerId, t, author.userId(), author.name(), clock.instant());
        cards.touch(tenant, customerId, clock.instant());
        CustomerView.Note note = cards.note(tenant, customerId, noteId).orElseThrow();
        audit.record(AuditEvent.change(tenant, "customer.note_add", "customer", customerId, null, note));
        return note;
    }

    @Transactional
    public void deleteNote(TenantId tenant, UUID customerId, UUID noteId) {
        get(tenant, customerId);
        CustomerView.Note note = cards.note(tenant, customerId, noteId)
                .orElseThrow(() -> new NotFoundException("note", noteId));
        cards.deleteNote(tenant, noteId);
        cards.touch(tenant, customerId, clock.instant());
        audit.record(AuditEvent.change(tenant, "customer.note_delete", "customer", customerId, note, null));
    }

    /**
     * The cards with this phone (CRM-2): {@code raw} as a switch or a person gives it
     * ({@code 8 495 123-45-67} finds {@code +74951234567}); none when it is no valid number.
     */
    public List<CustomerSummary> byPhone(TenantId tenant, String raw) {
        PhoneNumbers.Normalized n = PhoneNumbers.tryNormalize(raw, settings.defaultRegion(tenant));
        return n == null ? List.of() : cards.matching(tenant, n.e164(), null, MATCH_LIMIT);
    }

    /**
     * The number of a call's outside party as cards are matched by it (CRM-2), for one tenant: a
     * number as the switch gives it → its E.164 form with the tenant's default region, {@code ""}
     * when it is no telephone number (anonymous, an internal extension). The ACD and the history
     * imports store every call with it ({@code calls.customer_e164}), so a card's timeline finds
     * its calls through an index. Never throws for an unusable number.
     */
    public java.util.function.UnaryOperator<String> callNumbers(TenantId tenant) {
        String region = settings.defaultRegion(tenant);
        return number -> {
            PhoneNumbers.Normalized n = PhoneNumbers.tryNormalize(number, region);
            return n == null ? "" : n.e164();
        };
    }

    /** The cards with this e-mail address, case and surrounding spaces aside; none when it is no address. */
    public List<CustomerSummary> byEmail(TenantId tenant, String raw) {
        String address;
        try {
            address = Texts.email("email", raw);
        } catch (InvalidInputException e) {
            return List.of();
        }
        return cards.matching(tenant, null, address, MATCH_LIMIT);
    }

    /** Like {@link #byPhone}/{@link #byEmail} for the API: a value that is no number or address is a 422 naming it. */
    public List<CustomerSummary> match(TenantId tenant, String phone, String email) {
        if ((phone == null) == (email == null)) {
            throw new InvalidInputException("required", "phone", "Give either phone or email");
        }
        if (phone != null) {
            try {
                String e164 = PhoneNumbers.normalize(phone, settings.defaultRegion(tenant)).e164();
                return cards.matching(tenant, e164, null, MATCH_LIMIT);
            } catch (PhoneNumbers.InvalidPhoneNumber e) {
                throw new InvalidInputException(e.code(), "phone", e.getMessage());
            }
        }
        return cards.matching(tenant, null, Texts.email("email", email), MATCH_LIMIT);
    }

    /** The list (CUSTOMER_VIEW): {@link CustomerSearch} says what {@code q} matches. */
    public CustomerPage search(TenantId tenant, String q, int limit, String after) {
        return CustomerSearch.run(q, limit, after, settings.defaultRegion(tenant),
                (like, e164, email, afterName, afterId, n) -> cards.search(tenant, like, e164, email, afterName, afterId, n),
                ids -> cards.summaries(tenant, ids));
    }

    private CustomerView view(TenantId tenant, UUID id, boolean reveal) {
        CustomerView c = cards.find(tenant, id).orElseThrow(() -> new NotFoundException("customer", id));
        CardFields.Shown shown = fields.show(tenant, id, fieldDefs.list(tenant), reveal);
        return new CustomerView(c.id(), c.kind(), c.displayName(), c.name(), c.holding(), c.industry(), c.lastName(),
                c.firstName(), c.middleName(), c.position(), c.organizationId(), c.status(), c.region(), c.city(),
                c.address(), c.website(), c.phones(), c.emails(), c.notes(), shown.values(),
                reveal ? shown.revealed() : shown.hidden(), c.createdAt(), c.updatedAt(), c.version(), List.of());
    }

    private void checkOrganization(TenantId tenant, Card card) {
        if (card.organizationId() != null) {
            CustomerKind kind = cards.kindOf(tenant, card.organizationId()).orElseThrow(() ->
                    new InvalidInputException("unknown_organization", "organizationId", "No organization card "
                            + card.organizationId()));
            if (kind != CustomerKind.ORGANIZATION) {
                throw new InvalidInputException("not_an_organization", "organizationId", "The linked card is a person");
            }
        }
    }

    private void notDuplicate(TenantId tenant, Card card, UUID self) {
        List<String> numbers = card.phones().stream().map(Card.Phone::e164).toList();
        cards.lockNumbers(tenant, numbers);
        cards.sameCustomer(tenant, card.kind(), CardRules.nameKey(card.displayName()), numbers, self).ifPresent(dup -> {
            throw new ConflictException("duplicate_customer", "phones[" + numbers.indexOf(dup.getValue()) + "].number",
                    "Card " + dup.getKey() + " is the same " + card.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " with " + dup.getValue());
        });
    }

    private static List<String> notes(List<String> notes) {
        if (notes == null) {
            return List.of();
        }
        if (notes.size() > 20) {
            throw new InvalidInputException("too_many", "notes", "At most 20 notes at once");
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < notes.size(); i++) {
            String t = TextInput.lines("notes[" + i + "]", notes.get(i), 4000);
            if (t == null) {
                throw new InvalidInputException("required", "notes[" + i + "]", "A note needs a text");
            }
            out.add(t);
        }
        return out;
    }
}
