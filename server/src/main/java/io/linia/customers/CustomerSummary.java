package io.linia.customers;

import java.util.List;
import java.util.UUID;

/** A card in a list or a match: enough to tell cards apart and open one. */
public record CustomerSummary(
        UUID id,
        CustomerKind kind,
        String displayName,
        UUID organizationId,
        List<CustomerView.Phone> phones,
        List<CustomerView.Email> emails) {
}
