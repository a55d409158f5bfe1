package io.linia.search;

import io.linia.identity.CurrentUser;
import io.linia.platform.InvalidInputException;
import io.linia.search.internal.QueryWords;
import io.linia.search.internal.Vocabulary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Full-text search (KB-3): the query split into words, each word widened by the forms the
 * stemmers miss and by its correction against the tenant's vocabulary (typo tolerance), then
 * every {@link SearchSource} the user may search is asked and the hits are merged by rank.
 * Rights are the sources' business: each returns only what the user may read.
 */
@Service
public class Search {

    public static final int MAX_LIMIT = 100;
    public static final int MAX_QUERY = 200;

    private final List<SearchSource> sources;
    private final Vocabulary vocabulary;

    Search(List<SearchSource> sources, Vocabulary vocabulary) {
        this.sources = List.copyOf(sources);
        this.vocabulary = vocabulary;
    }

    /** The kinds there are, whether or not a given user may search them. */
    public List<String> kinds() {
        return sources.stream().map(SearchSource::kind).sorted().toList();
    }

    /**
     * @param kind  one kind to search, or {@code null} for all the user may search
     * @param limit 1..{@link #MAX_LIMIT}
     */
    public SearchResults search(CurrentUser user, String text, String kind, int limit) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("required", "q", "Type what to search for");
        }
        if (text.length() > MAX_QUERY) {
            throw new InvalidInputException("too_long", "q", "At most " + MAX_QUERY + " characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("range", "limit", "1.." + MAX_LIMIT + " hits");
        }
        if (kind != null && !kind.isBlank() && !kinds().contains(kind)) {
            throw new InvalidInputException("unknown_kind", "kind", "Kinds: " + String.join(", ", kinds()));
        }
        List<String> words = QueryWords.split(text);
        if (words.isEmpty()) {
            throw new InvalidInputException("required", "q", "The query has no letters or digits");
        }
        List<String> correctable = words.stream().filter(QueryWords::correctable).toList();
        Map<String, String> near = vocabulary.corrections(user.tenantId(), correctable);
        List<String> terms = new ArrayList<>();
        for (String w : words) {
            Set<String> alternatives = new LinkedHashSet<>();
            alternatives.add(w);
            alternatives.addAll(QueryWords.forms(w));
            if (near.containsKey(w)) {
                alternatives.add(near.get(w));
            }
            terms.add(String.join(" ", alternatives));
        }
        SearchQuery query = new SearchQuery(user.tenantId(), user.userId(), user.permissions(), text, terms, limit);
        List<String> searched = new ArrayList<>();
        List<SearchHit> hits = new ArrayList<>();
        for (SearchSource source : sources) {
            if ((kind == null || kind.isBlank() || kind.equals(source.kind())) && source.visibleTo(query)) {
                searched.add(source.kind());
                hits.addAll(source.search(query));
            }
        }
        hits.sort(Comparator.comparingDouble(SearchHit::rank).reversed().thenComparing(SearchHit::title));
        return new SearchResults(text, searched, hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : hits);
    }
}
