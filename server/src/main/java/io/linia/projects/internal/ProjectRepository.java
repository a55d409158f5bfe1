package io.linia.projects.internal;

import io.linia.platform.TenantId;
import io.linia.projects.ProjectView;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of projects, their members and VIP lists (V41). Every query names its tenant. */
@Repository
public class ProjectRepository {

    /** A stored VIP row (the card's name is added by the caller from the customers module). */
    public record VipRow(UUID projectId, String projectCode, String projectName, boolean projectActive, UUID customerId,
                         int priority, String note, Instant addedAt) {
    }

    private final JdbcClient jdbc;

    ProjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean codeTaken(TenantId tenant, String code, UUID except) {
        return jdbc.sql("select count(*) from projects where tenant_id = ? and code = ? and id <> ?")
                .params(tenant.value(), code, except == null ? new UUID(0, 0) : except).query(Integer.class).single() > 0;
    }

    public void insert(TenantId tenant, UUID id, String code, String name, String description, boolean active, Instant now) {
        jdbc.sql("""
                insert into projects (tenant_id, id, code, name, description, active, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), id, code, name, description, active, Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    public boolean update(TenantId tenant, UUID id, String code, String name, String description, boolean active,
                          int version, Instant now) {
        return jdbc.sql("""
                update projects set code = ?, name = ?, description = ?, active = ?, updated_at = ?, version = version + 1
                 where tenant_id = ? and id = ? and version = ?""")
                .params(code, name, description, active, Timestamp.from(now), tenant.value(), id, version).update() == 1;
    }

    public void replaceMembers(TenantId tenant, UUID projectId, List<UUID> managers, List<UUID> members) {
        jdbc.sql("delete from project_members where tenant_id = ? and project_id = ?").params(tenant.value(), projectId)
                .update();
        for (UUID m : managers) {
            jdbc.sql("insert into project_members (tenant_id, project_id, user_id, role) values (?, ?, ?, 'MANAGER')")
                    .params(tenant.value(), projectId, m).update();
        }
        for (UUID m : members) {
            if (!managers.contains(m)) {
                jdbc.sql("insert into project_members (tenant_id, project_id, user_id, role) values (?, ?, ?, 'MEMBER')")
                        .params(tenant.value(), projectId, m).update();
            }
        }
    }

    public Optional<ProjectView> find(TenantId tenant, UUID id) {
        return list(tenant, id, null, false).stream().findFirst();
    }

    public Optional<ProjectView> findByCode(TenantId tenant, String code) {
        return list(tenant, null, code, false).stream().findFirst();
    }

    /** The tenant's projects in code order; {@code activeOnly} leaves out switched-off ones. */
    public List<ProjectView> list(TenantId tenant, UUID id, String code, boolean activeOnly) {
        StringBuilder sql = new StringBuilder("select * from projects where tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        if (id != null) {
            sql.append(" and id = ?");
            params.add(id);
        }
        if (code != null) {
            sql.append(" and code = ?");
            params.add(code);
        }
        if (activeOnly) {
            sql.append(" and active");
        }
        sql.append(" order by code");
        List<ProjectView> rows = jdbc.sql(sql.toString()).params(params).query((rs, i) -> new ProjectView(
                rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"), rs.getString("description"),
                rs.getBoolean("active"), List.of(), List.of(), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"))).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, List<UUID>> managers = new HashMap<>();
        Map<UUID, List<UUID>> members = new HashMap<>();
        jdbc.sql("select project_id, user_id, role from project_members where tenant_id = ? and project_id = any(?)"
                        + " order by user_id")
                .params(tenant.value(), rows.stream().map(ProjectView::id).toArray(UUID[]::new))
                .query(rs -> {
                    UUID p = rs.getObject(1, UUID.class);
                    (rs.getString(3).equals("MANAGER") ? managers : members)
                            .computeIfAbsent(p, k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
                });
        return rows.stream().map(p -> new ProjectView(p.id(), p.code(), p.name(), p.description(), p.active(),
                List.copyOf(managers.getOrDefault(p.id(), List.of())), List.copyOf(members.getOrDefault(p.id(), List.of())),
                p.createdAt(), p.updatedAt(), p.version())).toList();
    }

    /** Projects the user manages or works in, by role. */
    public Map<UUID, String> rolesOf(TenantId tenant, UUID userId) {
        Map<UUID, String> out = new HashMap<>();
        jdbc.sql("select project_id, role from project_members where tenant_id = ? and user_id = ?")
                .params(tenant.value(), userId).query(rs -> {
                    out.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return out;
    }

    public void putVip(TenantId tenant, UUID projectId, UUID customerId, int priority, String note, Instant now) {
        jdbc.sql("""
                insert into project_vips (tenant_id, project_id, customer_id, priority, note, added_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, project_id, customer_id) do update set priority = excluded.priority, note = excluded.note""")
                .params(tenant.value(), projectId, customerId, priority, note, Timestamp.from(now)).update();
    }

    public boolean deleteVip(TenantId tenant, UUID projectId, UUID customerId) {
        return jdbc.sql("delete from project_vips where tenant_id = ? and project_id = ? and customer_id = ?")
                .params(tenant.value(), projectId, customerId).update() == 1;
    }

    /** VIP rows of one project, or of some cards in any project; highest priority first. */
    public List<VipRow> vips(TenantId tenant, UUID projectId, List<UUID> customerIds) {
        StringBuilder sql = new StringBuilder("""
                select v.project_id, p.code, p.name, p.active, v.customer_id, v.priority, v.note, v.added_at
                  from project_vips v join projects p on p.tenant_id = v.tenant_id and p.id = v.project_id
                 where v.tenant_id = ?""");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        if (projectId != null) {
            sql.append(" and v.project_id = ?");
            params.add(projectId);
        }
        if (customerIds != null) {
            sql.append(" and v.customer_id = any(?)");
            params.add(customerIds.toArray(UUID[]::new));
        }
        sql.append(" order by v.priority desc, p.code, v.customer_id");
        return jdbc.sql(sql.toString()).params(params).query((rs, i) -> new VipRow(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getObject(5, UUID.class), rs.getInt(6),
                rs.getString(7), rs.getTimestamp(8).toInstant())).list();
    }
}
