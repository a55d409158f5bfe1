package io.linia.customers;

import java.util.List;
import java.util.Map;

/**
 * A new card, or the changes to one (PATCH). For a change, a {@code null} (or absent) field
 * stays as it is and an empty string clears a text field; {@code phones} and {@code emails},
 * when given, replace the whole list; {@code notes} are always added; in {@code customFields}
 * a key with {@code null} removes that value and keys not given stay. {@code kind} cannot
 * change. {@code version}, when given on a change, must be the card's current one.
 *
 * <p>Organizations: {@code name} (required), {@code holding}, {@code industry}. Persons:
 * {@code lastName} and/or {@code firstName} (one required), {@code middleName},
 * {@code position}, {@code organizationId} (an organization card of the tenant). Both:
 * {@code status}, {@code region}, {@code city}, {@code address}, {@code website}.
 */
public record CustomerDraft(
        String kind,
        String name,
        String holding,
        String industry,
        String lastName,
        String firstName,
        String middleName,
        String position,
        String organizationId,
        String status,
        String region,
        String city,
        String address,
        String website,
        List<PhoneInput> phones,
        List<EmailInput> emails,
        List<String> notes,
        Map<String, Object> customFields,
        Integer version) {

    /** A phone as typed ({@code 8 (495) 123-45-67 доб. 12}) and its label ({@code work}, {@code mobile} …). */
    public record PhoneInput(String number, String label) {
    }

    /** An e-mail address and its label. */
    public record EmailInput(String address, String label) {
    }
}
