package io.linia.requests;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One change of a request (CASE-5): who, when, what, field by field; confidential values show as {@code ***}. */
public record HistoryEntry(long id, Instant at, UUID actorId, String actorName, String action, List<Change> changes,
                           String comment) {

    public record Change(String field, Object before, Object after) {
    }
}
