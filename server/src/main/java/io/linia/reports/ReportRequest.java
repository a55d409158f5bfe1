package io.linia.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * What a report is asked for, checked and resolved: the half-open range {@code [from, to)} as
 * instants, the tenant's zone (for periods and displayed times), filters (empty = all) and,
 * for detail reports, the page.
 *
 * @param caller digits the caller number contains, or null
 * @param group  hour, day or month for the period report
 * @param after  the keyset cursor of the next page, or null for the first
 */
public record ReportRequest(Instant from, Instant to, ZoneId zone, List<UUID> queues, List<UUID> agents, String caller,
                            Grouping group, String after, int limit) {

    /** The period of REP-7 rows. */
    public enum Grouping {
        HOUR, DAY, MONTH
    }
}
