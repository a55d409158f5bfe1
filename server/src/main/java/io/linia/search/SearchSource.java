package io.linia.search;

import java.util.List;

/**
 * One kind of searchable object. An implementation answers only with objects of the query's
 * tenant that the searching user may read, best first, at most {@link SearchQuery#limit()}.
 * The PostgreSQL sources pass {@link SearchQuery#terms()} to the SQL function
 * {@code linia_tsquery(text[])} (V50), so every source reads a query the same way.
 */
public interface SearchSource {

    /**
     * The most matches a PostgreSQL source ranks. Ranking reads every matching document, so a
     * word found in 100,000 cards of a big tenant would cost seconds; a source takes the first
     * this many matches from its index and ranks those. A query that common then shows good
     * hits, not necessarily the very best; more words narrow it (docs/search.md).
     */
    int CANDIDATES = 1000;

    /** The kind of its hits, e.g. {@code article}, {@code customer}; the {@code kind} filter of the API. */
    String kind();

    /** Whether this user may search this kind at all (e.g. holds CUSTOMER_VIEW). */
    boolean visibleTo(SearchQuery query);

    List<SearchHit> search(SearchQuery query);
}
