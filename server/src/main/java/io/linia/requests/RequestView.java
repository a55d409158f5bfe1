package io.linia.requests;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A request as the API shows it; confidential field values are listed in {@code hiddenFields} unless revealed. */
public record RequestView(
        UUID id,
        long number,
        UUID projectId,
        String projectCode,
        String type,
        String typeName,
        String status,
        String statusName,
        boolean closed,
        String subject,
        String description,
        String channel,
        String callId,
        UUID customerId,
        String customerName,
        UUID executorId,
        String group,
        Instant dueAt,
        Sla sla,
        Map<String, Object> fields,
        List<String> hiddenFields,
        List<Task> tasks,
        UUID createdBy,
        String createdByName,
        Instant createdAt,
        Instant updatedAt,
        int version) {

    /** SLA deadlines and when each was met or broken (escalated). */
    public record Sla(Instant reactionDueAt, Instant resolutionDueAt, Instant reactedAt, Instant resolvedAt,
                      Instant reactionOverdueAt, Instant resolutionOverdueAt) {
    }

    public record Task(UUID id, String title, UUID assigneeId, Instant dueAt, Instant doneAt, Instant createdAt) {
    }
}
