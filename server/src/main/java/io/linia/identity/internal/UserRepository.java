package io.linia.identity.internal;

import io.linia.identity.UserQuery;
import io.linia.identity.UserView;
import io.linia.platform.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of users for the admin API and pages; keyset pages ordered by (lower(full_name), id). */
@Repository
public class UserRepository {

    private static final String SELECT = """
            select u.id, u.login, u.full_name, u.email, u.extension, u.agent_pin_hash is not null as has_pin, u.language,
                   u.time_zone, u.status, u.locked_until > ? as locked, u.must_change_password, u.last_login_at,
                   u.created_at, u.deleted_at, u.version,
                   coalesce((select array_agg(r.code order by r.code) from user_roles ur join roles r on r.id = ur.role_id
                              where ur.tenant_id = u.tenant_id and ur.user_id = u.id), '{}') as roles,
                   coalesce((select array_agg(s.skill || '=' || s.level order by s.skill) from user_skills s
                              where s.tenant_id = u.tenant_id and s.user_id = u.id), '{}') as skills
              from users u
            """;

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserView> find(TenantId tenant, UUID id, java.time.Instant now, boolean includeDeleted) {
        return jdbc.sql(SELECT + " where u.tenant_id = ? and u.id = ?" + (includeDeleted ? "" : " and u.deleted_at is null"))
                .params(java.sql.Timestamp.from(now), tenant.value(), id)
                .query(UserRepository::map).optional();
    }

    /**
     * One page plus one more row, so the caller knows whether a next page exists. The
     * matching and paging run on {@code user_search} (see V7: its trigram index is usable
     * where the policy on {@code users} would forbid it); the page's users are then read from
     * {@code users} under row-level security.
     */
    public List<UserView> search(TenantId tenant, UserQuery query, String afterName, UUID afterId, java.time.Instant now) {
        StringBuilder hits = new StringBuilder("select s.user_id, s.name_key from user_search s where s.tenant_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(java.sql.Timestamp.from(now));
        params.add(tenant.value());
        if ("deleted".equals(query.status())) {
            hits.append(" and s.deleted");
        } else {
            hits.append(" and not s.deleted");
            if (query.status() != null) {
                hits.append(" and s.status = ?");
                params.add(query.status());
            }
        }
        if (query.q() != null && !query.q().isBlank()) {
            // the search key joins name and login with a newline, which a trimmed query never holds
            hits.append(" and s.search_key like ?");
            params.add("%" + escapeLike(query.q().trim().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (query.extension() != null) {
            hits.append(" and s.extension = ?");
            params.add(query.extension());
        }
        if (query.role() != null) {
            hits.append(" and exists (select 1 from user_roles ur join roles r on r.id = ur.role_id"
                    + " where ur.tenant_id = s.tenant_id and ur.user_id = s.user_id and r.code = ?)");
            params.add(query.role());
        }
        if (afterId != null) {
            hits.append(" and (s.name_key, s.user_id) > (?, ?)");
            params.add(afterName);
            params.add(afterId);
        }
        hits.append(" order by s.name_key, s.user_id limit ?");
        params.add(query.limit() + 1);
        params.add(tenant.value());
        String sql = SELECT + " join (" + hits + ") h on h.user_id = u.id where u.tenant_id = ? order by h.name_key, h.user_id";
        return jdbc.sql(sql).params(params).query(UserRepository::map).list();
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static UserView map(ResultSet rs, int row) throws SQLException {
        Map<String, Integer> skills = new LinkedHashMap<>();
        for (String s : (String[]) rs.getArray("skills").getArray()) {
            int eq = s.lastIndexOf('=');
            skills.put(s.substring(0, eq), Integer.parseInt(s.substring(eq + 1)));
        }
        return new UserView(rs.getObject("id", UUID.class), rs.getString("login"), rs.getString("full_name"),
                rs.getString("email"), rs.getString("extension"), rs.getBoolean("has_pin"), rs.getString("language"),
                rs.getString("time_zone"), rs.getString("status"), rs.getBoolean("locked"),
                rs.getBoolean("must_change_password"), List.of((String[]) rs.getArray("roles").getArray()), skills,
                AccountRepository.instant(rs.getTimestamp("last_login_at")),
                rs.getTimestamp("created_at").toInstant(), AccountRepository.instant(rs.getTimestamp("deleted_at")),
                rs.getInt("version"));
    }
}
