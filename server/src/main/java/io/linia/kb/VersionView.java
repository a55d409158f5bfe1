package io.linia.kb;

import java.time.Instant;
import java.util.UUID;

/**
 * A saved version of an article (KB-4).
 *
 * @param publishedAt when it was last made the published one, or null
 * @param current     readers see this version now
 * @param markdown    and {@code html}: only when one version is asked for, null in lists
 */
public record VersionView(int number, String title, UUID authorId, String authorName, Instant createdAt,
                          Instant publishedAt, boolean current, String markdown, String html) {
}
