package io.linia.customers.web;

import io.linia.customers.CustomerTimeline;
import io.linia.customers.TimelinePage;
import io.linia.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A card's timeline (CRM-3); docs/customers.md. */
@RestController
@Tag(name = "Customers")
class CustomerTimelineController {

    private final CustomerTimeline timeline;

    CustomerTimelineController(CustomerTimeline timeline) {
        this.timeline = timeline;
    }

    @GetMapping("/api/v1/customers/{id}/timeline")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    @Operation(summary = "The card's calls (and, as modules add them, requests, surveys, campaign attempts), newest first",
            description = "Keyset paged: pass the returned 'next' as 'after'. A call's details hold direction, number, "
                    + "queue, operator, times, outcome and its stored recordings with their audio links.")
    TimelinePage timeline(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
                          @RequestParam(defaultValue = "50") int limit,
                          @RequestParam(required = false) String after) {
        return timeline.page(me.tenantId(), id, limit, after);
    }
}
