package io.linia.identity.internal;

import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Builds a fresh {@link CurrentUser} from the database on each request, so that a block,
 * delete, lock or role change takes effect on sessions and tokens already handed out.
 */
@Service
public class CurrentUsers {

    private final JdbcClient jdbc;

    CurrentUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param scopes permissions a token is limited to, or {@code null} for all of the user's
     * @return empty when the tenant or user is gone, blocked, disabled or locked
     */
    public Optional<CurrentUser> load(TenantId tenantId, UUID userId, Set<String> scopes, UUID tokenId,
                                      java.time.Instant now) {
        // one statement (this runs on every authenticated request): the tenant, the account and its
        // roles' permissions, read in the system scope and filtered by the tenant explicitly
        return TenantContext.asSystem(() -> jdbc.sql("""
                        select tn.code, tn.status as tenant_status, tn.default_language,
                               u.login, u.full_name, u.language, u.status, u.locked_until, u.must_change_password,
                               array(select distinct unnest(r.permissions)
                                       from user_roles ur join roles r on r.id = ur.role_id
                                      where ur.tenant_id = u.tenant_id and ur.user_id = u.id) as permissions
                          from tenants tn join users u on u.tenant_id = tn.id
                         where tn.id = ? and u.id = ? and u.deleted_at is null
                        """)
                .params(tenantId.value(), userId)
                .query((rs, row) -> {
                    java.sql.Timestamp lockedUntil = rs.getTimestamp("locked_until");
                    if (!"active".equals(rs.getString("tenant_status")) || !"active".equals(rs.getString("status"))
                            || (lockedUntil != null && lockedUntil.toInstant().isAfter(now))) {
                        return null;
                    }
                    String code = rs.getString("code");
                    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
                    for (String p : AccountRepository.strings(rs.getArray("permissions"))) {
                        try {
                            permissions.add(Permission.valueOf(p));
                        } catch (IllegalArgumentException retired) {
                            // a permission no longer in the code grants nothing
                        }
                    }
                    if (!io.linia.identity.IdentityConstants.PROVIDER_TENANT.equals(code)) {
                        // second lock: provider permissions never act outside the provider's tenant
                        permissions.removeIf(Permission::providerOnly);
                    }
                    if (scopes != null) {
                        permissions.removeIf(p -> !scopes.contains(p.name()));
                    }
                    String language = rs.getString("language");
                    return new CurrentUser(tenantId, code, userId, rs.getString("login"), rs.getString("full_name"),
                            language != null ? language : rs.getString("default_language"), permissions,
                            rs.getBoolean("must_change_password"), tokenId);
                })
                .list().stream().filter(java.util.Objects::nonNull).findFirst());
    }
}
