package io.linia.identity;

import io.linia.platform.ActorPrincipal;
import io.linia.platform.TenantId;
import java.io.Serializable;
import java.util.Set;
import java.util.UUID;

/**
 * The signed-in user as every request sees it: tenant, user, effective permissions (for an
 * API token, the user's permissions narrowed to the token's scopes), and how they signed in.
 *
 * @param tokenId the bearer token in use, or {@code null} for a browser session
 */
public record CurrentUser(
        TenantId tenantId,
        String tenantCode,
        UUID userId,
        String login,
        String fullName,
        String language,
        Set<Permission> permissions,
        boolean mustChangePassword,
        UUID tokenId) implements ActorPrincipal, Serializable {

    public CurrentUser {
        permissions = Set.copyOf(permissions);
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** Holds an admin-level permission: subject to the admin idle timeout (SEC-4). */
    public boolean isAdmin() {
        return permissions.stream().anyMatch(Permission::adminLevel);
    }

    public boolean isProvider() {
        return IdentityConstants.PROVIDER_TENANT.equals(tenantCode);
    }

    public CurrentUser withPasswordChanged() {
        return new CurrentUser(tenantId, tenantCode, userId, login, fullName, language, permissions, false, tokenId);
    }
}
