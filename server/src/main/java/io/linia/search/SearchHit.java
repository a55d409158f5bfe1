package io.linia.search;

/**
 * A found object.
 *
 * @param kind    the source's kind
 * @param id      the object's id in its module
 * @param title   plain text (pages escape it)
 * @param snippet HTML: the object's text escaped, with the matched words in {@code <mark>} — the
 *                only markup it may contain
 * @param rank    relevance, higher is better; comparable across the PostgreSQL sources (ts_rank)
 */
public record SearchHit(String kind, String id, String title, String snippet, double rank) {
}
