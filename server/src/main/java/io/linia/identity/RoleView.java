package io.linia.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A role of a tenant as the API shows it (ID-3): built-in roles are fixed, custom roles are
 * sets of {@link Permission}s chosen by the tenant's admin.
 *
 * @param users how many live users hold the role
 */
public record RoleView(UUID id, String code, String name, boolean builtin, List<String> permissions, long users,
                       Instant createdAt, Instant updatedAt) {
}
