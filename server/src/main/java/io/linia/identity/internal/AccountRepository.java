package io.linia.identity.internal;

import io.linia.identity.Permission;
import io.linia.platform.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sign-in state of users: credentials, failed attempts, locks, permissions. */
@Repository
public class AccountRepository {

    private static final String COLUMNS = """
            tenant_id, id, login, full_name, language, status, password_hash, password_changed_at,
            must_change_password, failed_logins, locked_until, last_login_at""";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> findByLogin(TenantId tenant, String login) {
        return jdbc.sql("select " + COLUMNS + " from users where tenant_id = ? and lower(login) = lower(?) and deleted_at is null")
                .params(tenant.value(), login)
                .query(AccountRepository::map).optional();
    }

    public Optional<Account> findById(TenantId tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from users where tenant_id = ? and id = ? and deleted_at is null")
                .params(tenant.value(), id)
                .query(AccountRepository::map).optional();
    }

    /** Counts a failed attempt and locks when it reaches {@code maxFailed}; returns true if now locked. */
    public boolean recordFailure(TenantId tenant, UUID id, int maxFailed, Instant lockUntil) {
        return jdbc.sql("""
                update users set failed_logins = failed_logins + 1,
                                 locked_until = case when failed_logins + 1 >= ? then ? else locked_until end
                 where tenant_id = ? and id = ?
                returning locked_until is not null and locked_until = ?
                """)
                .params(maxFailed, Timestamp.from(lockUntil), tenant.value(), id, Timestamp.from(lockUntil))
                .query(Boolean.class).single();
    }

    /** The password has outlived the policy's maximum age (SEC-1). */
    public void requirePasswordChange(TenantId tenant, UUID id) {
        jdbc.sql("update users set must_change_password = true where tenant_id = ? and id = ?")
                .params(tenant.value(), id)
                .update();
    }

    /** An admin lifts a lock (SEC-2). */
    public void unlock(TenantId tenant, UUID id) {
        jdbc.sql("update users set failed_logins = 0, locked_until = null where tenant_id = ? and id = ?")
                .params(tenant.value(), id)
                .update();
    }

    public void recordSuccess(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("update users set failed_logins = 0, locked_until = null, last_login_at = ? where tenant_id = ? and id = ?")
                .params(Timestamp.from(now), tenant.value(), id)
                .update();
    }

    public Set<Permission> permissions(TenantId tenant, UUID userId) {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        jdbc.sql("""
                select distinct unnest(r.permissions)
                  from user_roles ur join roles r on r.id = ur.role_id
                 where ur.tenant_id = ? and ur.user_id = ?
                """)
                .params(tenant.value(), userId)
                .query(String.class).list()
                .forEach(p -> {
                    try {
                        result.add(Permission.valueOf(p));
                    } catch (IllegalArgumentException retired) {
                        // a permission no longer in the code grants nothing
                    }
                });
        return result;
    }

    public void setPassword(TenantId tenant, UUID id, String hash, boolean mustChange, Instant now) {
        jdbc.sql("""
                update users set password_hash = ?, password_changed_at = ?, must_change_password = ?, updated_at = ?
                 where tenant_id = ? and id = ?
                """)
                .params(hash, Timestamp.from(now), mustChange, Timestamp.from(now), tenant.value(), id)
                .update();
        jdbc.sql("insert into password_history (tenant_id, user_id, password_hash, created_at) values (?, ?, ?, ?)")
                .params(tenant.value(), id, hash, Timestamp.from(now))
                .update();
    }

    /** The newest {@code limit} password hashes of a user, the current one included. */
    public java.util.List<String> passwordHistory(TenantId tenant, UUID id, int limit) {
        return jdbc.sql("select password_hash from password_history where tenant_id = ? and user_id = ? order by created_at desc limit ?")
                .params(tenant.value(), id, limit)
                .query(String.class).list();
    }

    static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(TenantId.of(rs.getObject("tenant_id", UUID.class)), rs.getObject("id", UUID.class),
                rs.getString("login"), rs.getString("full_name"), rs.getString("language"), rs.getString("status"),
                rs.getString("password_hash"), instant(rs.getTimestamp("password_changed_at")),
                rs.getBoolean("must_change_password"), rs.getInt("failed_logins"),
                instant(rs.getTimestamp("locked_until")), instant(rs.getTimestamp("last_login_at")));
    }

    static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : Set.of((String[]) array.getArray());
    }
}
