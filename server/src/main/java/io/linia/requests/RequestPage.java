package io.linia.requests;

import java.util.List;
import java.util.Map;

/**
 * A page of the request list, newest first, with facet counts over the whole result (not just
 * the page): {@code status}, {@code type}, {@code project}, {@code executor}, {@code date} (day, UTC).
 */
public record RequestPage(List<RequestView> items, String next, long total, Map<String, List<Facet>> facets) {

    public record Facet(String value, String label, long count) {
    }
}
