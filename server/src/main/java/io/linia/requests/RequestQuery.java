package io.linia.requests;

import java.time.Instant;
import java.util.UUID;

/**
 * A search of the request list (CASE-6). Every part is optional.
 *
 * @param q        words: found in subject and description with Russian and English morphology, one
 *                 typo tolerated; the customer's name; a request number
 * @param from     created at or after
 * @param to       created before
 * @param after    the {@code next} cursor of the previous page
 */
public record RequestQuery(String q, String status, String type, UUID project, UUID executor, Instant from,
                           Instant to, int limit, String after) {
}
