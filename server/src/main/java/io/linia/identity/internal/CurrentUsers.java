package io.linia.identity.internal;

import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import io.linia.identity.Tenant;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Builds a fresh {@link CurrentUser} from the database on each request, so that a block,
 * delete, lock or role change takes effect on sessions and tokens already handed out.
 */
@Service
public class CurrentUsers {

    private final TenantRepository tenants;
    private final AccountRepository accounts;

    CurrentUsers(TenantRepository tenants, AccountRepository accounts) {
        this.tenants = tenants;
        this.accounts = accounts;
    }

    /**
     * @param scopes permissions a token is limited to, or {@code null} for all of the user's
     * @return empty when the tenant or user is gone, blocked, disabled or locked
     */
    public Optional<CurrentUser> load(TenantId tenantId, UUID userId, Set<String> scopes, UUID tokenId,
                                      java.time.Instant now) {
        Optional<Tenant> tenant = tenants.findById(tenantId);
        if (tenant.isEmpty() || !tenant.get().active()) {
            return Optional.empty();
        }
        return TenantContext.as(tenantId, () -> accounts.findById(tenantId, userId)
                .filter(a -> "active".equals(a.status()) && !a.lockedAt(now))
                .map(a -> {
                    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
                    permissions.addAll(accounts.permissions(tenantId, userId));
                    if (!io.linia.identity.IdentityConstants.PROVIDER_TENANT.equals(tenant.get().code())) {
                        // second lock: provider permissions never act outside the provider's tenant
                        permissions.removeIf(Permission::providerOnly);
                    }
                    if (scopes != null) {
                        permissions.removeIf(p -> !scopes.contains(p.name()));
                    }
                    return new CurrentUser(tenantId, tenant.get().code(), a.id(), a.login(), a.fullName(),
                            a.language() != null ? a.language() : tenant.get().defaultLanguage(), permissions,
                            a.mustChangePassword(), tokenId);
                }));
    }
}
