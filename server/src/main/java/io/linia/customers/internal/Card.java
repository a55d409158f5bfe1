package io.linia.customers.internal;

import io.linia.customers.CustomerKind;
import java.util.List;
import java.util.UUID;

/** A card's content after {@link CardRules}: every text cleaned, phones in E.164, e-mails lower-cased. */
public record Card(
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
        List<Email> emails) {

    public record Phone(String e164, String extension, String raw, String label) {
    }

    public record Email(String address, String label) {
    }
}
