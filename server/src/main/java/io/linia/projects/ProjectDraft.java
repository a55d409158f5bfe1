package io.linia.projects;

import java.util.List;
import java.util.UUID;

/**
 * What to create or change. On a change, absent ({@code null}) fields stay, {@code ""} clears
 * the description, and {@code managers}/{@code members} replace their lists; {@code version},
 * when given, must be the current one ({@code 409 stale_version}).
 */
public record ProjectDraft(
        String code,
        String name,
        String description,
        Boolean active,
        List<UUID> managers,
        List<UUID> members,
        Integer version) {
}
