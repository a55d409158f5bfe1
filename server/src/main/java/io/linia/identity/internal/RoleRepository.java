package io.linia.identity.internal;

import io.linia.identity.BuiltInRole;
import io.linia.identity.Permission;
import io.linia.platform.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Roles of a tenant and the users' role assignments. */
@Repository
public class RoleRepository {

    private final JdbcClient jdbc;

    RoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the built-in roles in a new tenant. */
    public void seedBuiltIns(TenantId tenant, boolean provider, Instant now) {
        for (BuiltInRole role : BuiltInRole.forTenant(provider)) {
            jdbc.sql("""
                    insert into roles (tenant_id, code, name, builtin, permissions, created_at, updated_at)
                    values (?, ?, ?, true, ?, ?, ?)
                    """)
                    .params(tenant.value(), role.code(), role.displayName(),
                            role.permissions().stream().map(Permission::name).sorted().toArray(String[]::new),
                            Timestamp.from(now), Timestamp.from(now))
                    .update();
        }
    }

    public Optional<UUID> findIdByCode(TenantId tenant, String code) {
        return jdbc.sql("select id from roles where tenant_id = ? and code = ?")
                .params(tenant.value(), code)
                .query(UUID.class).optional();
    }

    public void assign(TenantId tenant, UUID userId, UUID roleId) {
        jdbc.sql("insert into user_roles (tenant_id, user_id, role_id) values (?, ?, ?) on conflict do nothing")
                .params(tenant.value(), userId, roleId)
                .update();
    }
}
