package io.linia.kb;

import java.util.UUID;

/**
 * An article's text as saved: each save is a new version (the draft) by its author.
 *
 * @param topicId     where it lives (required when created; a change may move it)
 * @param title       1..300 characters
 * @param markdown    up to 200,000 characters of CommonMark (GFM tables); raw HTML is allowed but
 *                    sanitized
 * @param baseVersion for a change: the version number the editor started from; 409 stale_version
 *                    when someone saved a newer one meanwhile (optional)
 */
public record ArticleDraft(UUID topicId, String title, String markdown, Integer baseVersion) {
}
