package io.linia.kb;

import java.util.List;
import java.util.UUID;

/**
 * An article for a call (KB-2), with the ties that brought it ({@code QUEUE}, {@code NUMBER},
 * {@code REQUEST_TYPE}, {@code IVR_CHOICE}, {@code TOPIC}); the more ties, the higher in the list.
 */
public record CallArticle(UUID id, UUID topicId, String title, List<String> matchedBy) {
}
