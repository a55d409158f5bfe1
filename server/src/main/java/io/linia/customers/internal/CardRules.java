package io.linia.customers.internal;

import io.linia.platform.TextInput;
import io.linia.customers.CustomerDraft;
import io.linia.customers.CustomerKind;
import io.linia.customers.CustomerView;
import io.linia.customers.PhoneNumbers;
import io.linia.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a draft (a new card, or the changes to {@code before}) into the card to store, or says
 * which field is wrong (422, named as in the request: {@code lastName}, {@code phones[1].number}).
 * Pure: the phones' default region comes in as a parameter; that an organization link points
 * at an organization of the tenant is checked by the caller, which can look it up.
 *
 * <p>Rules: an organization needs a {@code name}; a person a {@code lastName} or a
 * {@code firstName}; fields of the other kind are refused ({@code not_for_kind}); the kind
 * never changes; at most {@value #MAX_PHONES} phones and e-mails; the same number (and
 * extension) or address twice on one card is refused. The display name is the organization's
 * name, or the person's last, first and middle names joined by spaces.
 */
public final class CardRules {

    public static final int MAX_PHONES = 20;
    public static final int MAX_EMAILS = 20;

    private CardRules() {
    }

    public static Card apply(CustomerView before, CustomerDraft d, String region) {
        CustomerKind kind = kind(before, d.kind());
        String name = pick(before, CustomerView::name, TextInput.line("name", d.name(), 300), d.name());
        String holding = pick(before, CustomerView::holding, TextInput.line("holding", d.holding(), 300), d.holding());
        String industry = pick(before, CustomerView::industry, TextInput.line("industry", d.industry(), 200), d.industry());
        String last = pick(before, CustomerView::lastName, TextInput.line("lastName", d.lastName(), 100), d.lastName());
        String first = pick(before, CustomerView::firstName, TextInput.line("firstName", d.firstName(), 100), d.firstName());
        String middle = pick(before, CustomerView::middleName, TextInput.line("middleName", d.middleName(), 100), d.middleName());
        String position = pick(before, CustomerView::position, TextInput.line("position", d.position(), 200), d.position());
        UUID organization = d.organizationId() == null ? before == null ? null : before.organizationId()
                : organizationId(d.organizationId());
        if (kind == CustomerKind.ORGANIZATION) {
            onlyFor(kind, "lastName", last, "firstName", first, "middleName", middle, "position", position,
                    "organizationId", organization);
            if (name == null) {
                throw new InvalidInputException("required", "name", "An organization needs a name");
            }
        } else {
            onlyFor(kind, "name", name, "holding", holding, "industry", industry);
            if (last == null && first == null) {
                throw new InvalidInputException("required", "lastName", "A person needs a last or a first name");
            }
        }
        String display = kind == CustomerKind.ORGANIZATION ? name
                : Stream.of(last, first, middle).filter(s -> s != null).collect(Collectors.joining(" "));
        return new Card(kind, display, name, holding, industry, last, first, middle, position, organization,
                pick(before, CustomerView::status, TextInput.line("status", d.status(), 100), d.status()),
                pick(before, CustomerView::region, TextInput.line("region", d.region(), 200), d.region()),
                pick(before, CustomerView::city, TextInput.line("city", d.city(), 200), d.city()),
                pick(before, CustomerView::address, TextInput.lines("address", d.address(), 1000), d.address()),
                pick(before, CustomerView::website, Texts.website("website", d.website()), d.website()),
                d.phones() == null ? before == null ? List.of() : keptPhones(before) : phones(d.phones(), region),
                d.emails() == null ? before == null ? List.of() : keptEmails(before) : emails(d.emails()));
    }

    /** The key that tells two cards to be the same customer: kind and display name, case and spacing aside. */
    public static String nameKey(String displayName) {
        return displayName.toLowerCase(Locale.ROOT);
    }

    private static CustomerKind kind(CustomerView before, String kind) {
        CustomerKind k = null;
        if (kind != null) {
            try {
                k = CustomerKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("unknown_kind", "kind", "A card's kind is PERSON or ORGANIZATION");
            }
        }
        if (before == null) {
            if (k == null) {
                throw new InvalidInputException("required", "kind", "Say whether the card is a PERSON or an ORGANIZATION");
            }
            return k;
        }
        if (k != null && k != before.kind()) {
            throw new InvalidInputException("immutable", "kind", "A card's kind cannot change; create a new card");
        }
        return before.kind();
    }

    /** The new value when the draft has one (an empty string clears it), else the stored one. */
    private static String pick(CustomerView before, Function<CustomerView, String> stored, String cleaned, String given) {
        if (given != null) {
            return cleaned;
        }
        return before == null ? null : stored.apply(before);
    }

    private static UUID organizationId(String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("format", "organizationId", "An organization id is a card's UUID");
        }
    }

    private static void onlyFor(CustomerKind kind, Object... fieldsAndValues) {
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            if (fieldsAndValues[i + 1] != null) {
                throw new InvalidInputException("not_for_kind", (String) fieldsAndValues[i],
                        "A " + kind.name().toLowerCase(Locale.ROOT) + " card has no " + fieldsAndValues[i]);
            }
        }
    }

    private static List<Card.Phone> phones(List<CustomerDraft.PhoneInput> input, String region) {
        if (input.size() > MAX_PHONES) {
            throw new InvalidInputException("too_many", "phones", "At most " + MAX_PHONES + " phones per card");
        }
        List<Card.Phone> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            String field = "phones[" + i + "]";
            CustomerDraft.PhoneInput p = input.get(i);
            if (p == null) {
                throw new InvalidInputException("required", field, "A phone is required");
            }
            String raw = TextInput.line(field + ".number", p.number(), PhoneNumbers.MAX_RAW_LENGTH);
            PhoneNumbers.Normalized n;
            try {
                n = PhoneNumbers.normalize(raw, region);
            } catch (PhoneNumbers.InvalidPhoneNumber e) {
                throw new InvalidInputException(e.code(), field + ".number", e.getMessage());
            }
            if (!seen.add(n.e164() + ";" + n.extension())) {
                throw new InvalidInputException("duplicate_phone", field + ".number", n.e164() + " is on the card already");
            }
            out.add(new Card.Phone(n.e164(), n.extension(), raw, TextInput.line(field + ".label", p.label(), 50)));
        }
        return List.copyOf(out);
    }

    private static List<Card.Email> emails(List<CustomerDraft.EmailInput> input) {
        if (input.size() > MAX_EMAILS) {
            throw new InvalidInputException("too_many", "emails", "At most " + MAX_EMAILS + " e-mails per card");
        }
        List<Card.Email> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            String field = "emails[" + i + "]";
            CustomerDraft.EmailInput e = input.get(i);
            if (e == null) {
                throw new InvalidInputException("required", field, "An e-mail is required");
            }
            String address = Texts.email(field + ".address", e.address());
            if (!seen.add(address)) {
                throw new InvalidInputException("duplicate_email", field + ".address", address + " is on the card already");
            }
            out.add(new Card.Email(address, TextInput.line(field + ".label", e.label(), 50)));
        }
        return List.copyOf(out);
    }

    private static List<Card.Phone> keptPhones(CustomerView before) {
        return before.phones().stream().map(p -> new Card.Phone(p.number(), p.extension(), p.raw(), p.label())).toList();
    }

    private static List<Card.Email> keptEmails(CustomerView before) {
        return before.emails().stream().map(e -> new Card.Email(e.address(), e.label())).toList();
    }
}
