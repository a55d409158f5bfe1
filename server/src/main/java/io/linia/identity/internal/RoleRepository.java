package io.linia.identity.internal;

import io.linia.identity.BuiltInRole;
import io.linia.identity.Permission;
import io.linia.identity.RoleView;
import io.linia.platform.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

    private static final String SELECT = """
            select r.id, r.code, r.name, r.builtin, r.permissions, r.created_at, r.updated_at,
                   (select count(*) from user_roles ur join users u on u.id = ur.user_id
                     where ur.tenant_id = r.tenant_id and ur.role_id = r.id and u.deleted_at is null) as users
              from roles r
            """;

    /** Built-in roles first, then custom ones by name. */
    public List<RoleView> list(TenantId tenant) {
        return jdbc.sql(SELECT + " where r.tenant_id = ? order by r.builtin desc, lower(r.name), r.id")
                .param(tenant.value()).query(RoleRepository::map).list();
    }

    public Optional<RoleView> find(TenantId tenant, UUID id) {
        return jdbc.sql(SELECT + " where r.tenant_id = ? and r.id = ?").params(tenant.value(), id)
                .query(RoleRepository::map).optional();
    }

    public UUID insert(TenantId tenant, String code, String name, List<String> permissions, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into roles (id, tenant_id, code, name, builtin, permissions, created_at, updated_at)
                values (?, ?, ?, ?, false, ?, ?, ?)
                """)
                .params(id, tenant.value(), code, name, permissions.toArray(String[]::new), Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        return id;
    }

    public void update(TenantId tenant, UUID id, String name, List<String> permissions, Instant now) {
        jdbc.sql("update roles set name = ?, permissions = ?, updated_at = ? where tenant_id = ? and id = ? and not builtin")
                .params(name, permissions.toArray(String[]::new), Timestamp.from(now), tenant.value(), id)
                .update();
    }

    public void delete(TenantId tenant, UUID id) {
        jdbc.sql("delete from roles where tenant_id = ? and id = ? and not builtin").params(tenant.value(), id).update();
    }

    private static RoleView map(ResultSet rs, int row) throws SQLException {
        Array perms = rs.getArray("permissions");
        return new RoleView(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
                rs.getBoolean("builtin"), List.of((String[]) perms.getArray()), rs.getLong("users"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
