package io.linia.projects;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A project as the API shows it, with its managers and members (user ids). */
public record ProjectView(
        UUID id,
        String code,
        String name,
        String description,
        boolean active,
        List<UUID> managers,
        List<UUID> members,
        Instant createdAt,
        Instant updatedAt,
        int version) {
}
