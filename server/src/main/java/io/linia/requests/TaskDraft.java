package io.linia.requests;

import java.time.Instant;
import java.util.UUID;

/** A task inside a request (CASE-3); on a change, absent fields stay and {@code done} marks it done or open. */
public record TaskDraft(String title, java.util.UUID assigneeId, Instant dueAt, Boolean done) {
}
