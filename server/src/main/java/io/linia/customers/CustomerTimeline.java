package io.linia.customers;

import io.linia.customers.internal.CallNumbers;
import io.linia.customers.internal.TimelineMerge;
import io.linia.platform.TenantId;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * A customer card's timeline (CRM-3): what happened with the customer, newest first, a page at
 * a time. Every {@link TimelineSource} bean contributes: the calls (this module), and, as they
 * are built, requests (CASE), survey answers and campaign attempts — each module implements
 * {@link TimelineSource} and needs nothing else here. Reading needs the card (404 for another
 * tenant's).
 */
@Service
public class CustomerTimeline {

    private final Customers customers;
    private final List<TimelineSource> sources;
    private final CallNumbers callNumbers;

    CustomerTimeline(Customers customers, List<TimelineSource> sources, CallNumbers callNumbers) {
        this.customers = customers;
        this.sources = sources;
        this.callNumbers = callNumbers;
    }

    /** The page after {@code after} (the {@code next} of the page before; null for the newest). */
    public TimelinePage page(TenantId tenant, UUID customerId, int limit, String after) {
        TimelineMerge.checkLimit(limit);
        TimelineSource.Cursor cursor = TimelineMerge.parse(after);
        CustomerView card = customers.get(tenant, customerId);
        callNumbers.fill(tenant); // calls stored since the last background pass
        List<String> phones = card.phones().stream().map(CustomerView.Phone::number).distinct().toList();
        List<String> emails = card.emails().stream().map(CustomerView.Email::address).toList();
        List<Function<Integer, List<TimelineEntry>>> fetchers = sources.stream()
                .<Function<Integer, List<TimelineEntry>>>map(s -> n -> s.entries(tenant,
                        new TimelineSource.Query(customerId, phones, emails, cursor, n)))
                .toList();
        return TimelineMerge.page(fetchers, limit);
    }
}
