package io.linia.customers;

import io.linia.platform.TenantId;
import java.util.List;
import java.util.UUID;

/**
 * What another module implements (as a Spring bean) to put marks on a customer card (CRM-4): the
 * projects module says in which projects the card is VIP. The card's API view and page ask every
 * bean; this module depends on none of them (projects depends on customers, so the reverse would
 * be a cycle). Called in the tenant's context; implementations filter by the tenant too.
 */
public interface CardMarks {

    /** The card's marks, most important first; none for a card of another tenant. */
    List<CardMark> marks(TenantId tenant, UUID customerId);
}
