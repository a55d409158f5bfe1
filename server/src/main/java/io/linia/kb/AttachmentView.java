package io.linia.kb;

import java.time.Instant;
import java.util.UUID;

/** A file of an article; its bytes are at {@code /api/v1/kb/articles/{article}/attachments/{id}}. */
public record AttachmentView(UUID id, UUID articleId, String fileName, String contentType, long size,
                             String authorName, Instant createdAt) {
}
