package io.linia.kb;

import java.time.Instant;
import java.util.UUID;

/** An article in a topic's list: the title the caller sees (published for readers, newest for editors). */
public record ArticleSummary(UUID id, UUID topicId, String title, ArticleStatus status, Instant updatedAt) {
}
