package io.linia.requests;

import java.time.Instant;
import java.util.UUID;

/**
 * What the CASE-6 analytic report covers: the requests registered in {@code [from, to)} (at most
 * 400 days), grouped by {@code by}, narrowed by any of the optional filters.
 *
 * @param by       {@code type} (the default), {@code channel}, {@code executor}, {@code project} or {@code status}
 * @param project  one project of the tenant (another tenant's, or one a customer user may not see, is 404)
 * @param type     a request type code
 * @param status   a status code (the request's current status)
 * @param executor a user of the tenant (an unknown one is 422 {@code unknown_executor})
 */
public record RequestReportQuery(Instant from, Instant to, String by, UUID project, String type, String status,
                                 UUID executor) {
}
