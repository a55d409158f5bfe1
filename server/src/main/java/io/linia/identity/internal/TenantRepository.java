package io.linia.identity.internal;

import io.linia.identity.Tenant;
import io.linia.platform.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenants table: a provider-level directory, so it has no row-level policy of its own. */
@Repository
public class TenantRepository {

    private static final String COLUMNS = "id, code, name, status, time_zone, default_language, created_at";

    private final JdbcClient jdbc;

    TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Tenant> findByCode(String code) {
        return jdbc.sql("select " + COLUMNS + " from tenants where code = ?").param(code.toLowerCase())
                .query(TenantRepository::map).optional();
    }

    public Optional<Tenant> findById(TenantId id) {
        return jdbc.sql("select " + COLUMNS + " from tenants where id = ?").param(id.value())
                .query(TenantRepository::map).optional();
    }

    public Tenant insert(String code, String name, String timeZone, String language, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into tenants (id, code, name, status, time_zone, default_language, created_at, updated_at)
                values (?, ?, ?, 'active', ?, ?, ?, ?)
                """)
                .params(id, code, name, timeZone, language, Timestamp.from(now), Timestamp.from(now))
                .update();
        return new Tenant(TenantId.of(id), code, name, "active", timeZone, language, now);
    }

    static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(TenantId.of(rs.getObject("id", UUID.class)), rs.getString("code"), rs.getString("name"),
                rs.getString("status"), rs.getString("time_zone"), rs.getString("default_language"),
                rs.getTimestamp("created_at").toInstant());
    }

    /** One page (plus one row to tell whether more exist) ordered by code, after {@code afterCode}. */
    public List<Tenant> search(String q, String status, String afterCode, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from tenants where true");
        List<Object> params = new ArrayList<>();
        if (q != null && !q.isBlank()) {
            sql.append(" and (code like ? or lower(name) like ?)");
            String like = "%" + UserRepository.escapeLike(q.trim().toLowerCase()) + "%";
            params.add(like);
            params.add(like);
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status);
        }
        if (afterCode != null) {
            sql.append(" and code > ?");
            params.add(afterCode);
        }
        sql.append(" order by code limit ?");
        params.add(limit + 1);
        return jdbc.sql(sql.toString()).params(params).query(TenantRepository::map).list();
    }

    public void update(TenantId id, String name, String timeZone, String language, String status, Instant now) {
        jdbc.sql("""
                update tenants set name = ?, time_zone = ?, default_language = ?, status = ?, updated_at = ? where id = ?
                """)
                .params(name, timeZone, language, status, Timestamp.from(now), id.value())
                .update();
    }
}
