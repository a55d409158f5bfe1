package io.linia.kb;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An article as shown: for a reader its published version, for an editor (asking for the draft)
 * its newest.
 *
 * @param version   the number of the version shown
 * @param latest    the newest version's number
 * @param published the published version's number, or null
 * @param html      the Markdown rendered and sanitized (no scripts, event handlers or javascript: URLs)
 * @param authorName who saved the version shown, and {@code savedAt} when
 */
public record ArticleView(UUID id, UUID topicId, ArticleStatus status, int version, int latest, Integer published,
                          String title, String markdown, String html, String authorName, Instant savedAt,
                          Instant createdAt, Instant updatedAt, ArticleTies ties, List<AttachmentView> attachments) {
}
