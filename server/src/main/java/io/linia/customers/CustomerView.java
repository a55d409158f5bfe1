package io.linia.customers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A whole card; {@code marks} are other modules' (CRM-4 VIP), filled by the API and the page. {@code customFields} holds the values by field key; the values of confidential
 * fields are there only when asked for ({@code reveal}, audited as AUD-3 requires), otherwise
 * their keys are listed in {@code hiddenFields}.
 */
public record CustomerView(
        UUID id,
        CustomerKind kind,
        String displayName,
        String name,
        String holding,
        String industry,
        String lastName,
        String firstName,
        String middleName,
        String position,
        UUID organizationId,
        String status,
        String region,
        String city,
        String address,
        String website,
        List<Phone> phones,
        List<Email> emails,
        List<Note> notes,
        Map<String, Object> customFields,
        List<String> hiddenFields,
        Instant createdAt,
        Instant updatedAt,
        int version,
        List<CardMark> marks) {

    public CustomerView {
        marks = marks == null ? List.of() : List.copyOf(marks);
    }

    /** This card with the marks other modules put on it (CRM-4: VIP in projects; {@link CardMarks}). */
    public CustomerView withMarks(List<CardMark> marks) {
        return new CustomerView(id, kind, displayName, name, holding, industry, lastName, firstName, middleName, position,
                organizationId, status, region, city, address, website, phones, emails, notes, customFields, hiddenFields,
                createdAt, updatedAt, version, marks);
    }

    /** A stored phone: {@code number} in E.164 (what matching uses), {@code extension}, and {@code raw} as typed. */
    public record Phone(String number, String extension, String raw, String label) {
    }

    public record Email(String address, String label) {
    }

    public record Note(UUID id, String text, UUID authorId, String authorName, Instant createdAt) {
    }
}
