package io.linia.search;

import java.util.List;

/** The answer of {@code GET /api/v1/search}: the hits, best first, of the kinds searched. */
public record SearchResults(String query, List<String> kinds, List<SearchHit> hits) {
}
