package io.linia.identity.internal;

import io.linia.platform.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bearer tokens, stored as SHA-256 hashes only. */
@Repository
public class TokenRepository {

    /** A stored token. {@code scopes == null} means the user's full permissions. */
    public record StoredToken(UUID id, TenantId tenantId, UUID userId, String kind, String name, Set<String> scopes,
                              Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

        public boolean usableAt(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    private final JdbcClient jdbc;

    TokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(TenantId tenant, UUID userId, String kind, String name, Set<String> scopes, String hash,
                       Instant now, Instant expiresAt, UUID createdBy) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into auth_tokens (id, tenant_id, user_id, kind, name, scopes, token_hash, created_at, expires_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, tenant.value(), userId, kind, name,
                        scopes == null ? null : scopes.stream().sorted().toArray(String[]::new), hash,
                        Timestamp.from(now), expiresAt == null ? null : Timestamp.from(expiresAt), createdBy)
                .update();
        return id;
    }

    /** Looks a token up by its hash across tenants: call in the system scope. */
    public Optional<StoredToken> findByHash(String hash) {
        return jdbc.sql("""
                select id, tenant_id, user_id, kind, name, scopes, created_at, expires_at, last_used_at, revoked_at
                  from auth_tokens where token_hash = ?
                """)
                .param(hash)
                .query(TokenRepository::map)
                .optional();
    }

    /** The API tokens of a tenant, newest first (never the hashes). */
    public java.util.List<StoredToken> listApiTokens(TenantId tenant) {
        return jdbc.sql("""
                select id, tenant_id, user_id, kind, name, scopes, created_at, expires_at, last_used_at, revoked_at
                  from auth_tokens where tenant_id = ? and kind = 'api' order by created_at desc
                """)
                .param(tenant.value())
                .query(TokenRepository::map)
                .list();
    }

    /** One API token of a tenant, or empty (another tenant's id included). */
    public Optional<StoredToken> findApiToken(TenantId tenant, UUID id) {
        return jdbc.sql("""
                select id, tenant_id, user_id, kind, name, scopes, created_at, expires_at, last_used_at, revoked_at
                  from auth_tokens where tenant_id = ? and id = ? and kind = 'api'
                """)
                .params(tenant.value(), id)
                .query(TokenRepository::map).optional();
    }

    private static StoredToken map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredToken(rs.getObject("id", UUID.class), TenantId.of(rs.getObject("tenant_id", UUID.class)),
                rs.getObject("user_id", UUID.class), rs.getString("kind"), rs.getString("name"),
                rs.getArray("scopes") == null ? null : AccountRepository.strings(rs.getArray("scopes")),
                rs.getTimestamp("created_at").toInstant(), AccountRepository.instant(rs.getTimestamp("expires_at")),
                AccountRepository.instant(rs.getTimestamp("last_used_at")),
                AccountRepository.instant(rs.getTimestamp("revoked_at")));
    }

    public void touch(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("update auth_tokens set last_used_at = ? where tenant_id = ? and id = ?")
                .params(Timestamp.from(now), tenant.value(), id)
                .update();
    }

    public void revoke(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("update auth_tokens set revoked_at = ? where tenant_id = ? and id = ? and revoked_at is null")
                .params(Timestamp.from(now), tenant.value(), id)
                .update();
    }
}
