package io.linia.requests.internal;

import java.time.Instant;
import java.util.UUID;

/** A stored request without its fields and tasks. */
public record RequestRow(UUID id, long number, UUID projectId, String type, String status, String subject,
                         String description, String channel, String callId, UUID customerId, String customerName,
                         UUID executorId, String group, Instant dueAt, Instant reactionDueAt, Instant resolutionDueAt,
                         Instant reactedAt, Instant resolvedAt, Instant reactionOverdueAt, Instant resolutionOverdueAt,
                         UUID createdBy, String createdByName, Instant createdAt, Instant updatedAt, int version) {
}
