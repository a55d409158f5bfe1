package io.linia.kb;

import java.util.List;
import java.util.UUID;

/**
 * A topic as created or replaced ({@code PUT}): every field is taken as given.
 *
 * @param parentId    null = a top topic
 * @param position    order among siblings (0 when absent)
 * @param readerRoles role codes of this tenant; null or empty = every reader
 * @param version     for a change: the version read (409 stale_version when it moved on); optional
 */
public record TopicDraft(String name, UUID parentId, Integer position, List<String> readerRoles, Integer version) {
}
