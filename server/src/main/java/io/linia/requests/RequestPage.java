package io.linia.requests;

import java.util.List;
import java.util.Map;

/**
 * A page of the request list, newest first, with facet counts over the result (not just the
 * page): {@code status}, {@code type}, {@code project}, {@code executor}, {@code date} (day, UTC).
 * Up to 10,000 matches are counted: when more match, {@code totalExact} is false, {@code total}
 * is 10,000 and the facets count the newest 10,000 (a narrower search gives exact figures).
 */
public record RequestPage(List<RequestView> items, String next, long total, boolean totalExact,
                          Map<String, List<Facet>> facets) {

    public record Facet(String value, String label, long count) {
    }
}
