package io.linia.kb;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A topic of the tree.
 *
 * @param parentId    null for a top topic
 * @param readerRoles codes of the roles that may read it (and, with the topics above, what is under
 *                    it); empty = every holder of KB_VIEW
 * @param articles    how many articles the caller sees in it (not counting sub-topics)
 */
public record TopicView(UUID id, UUID parentId, String name, int position, List<String> readerRoles, int articles,
                        Instant createdAt, Instant updatedAt, int version) {
}
