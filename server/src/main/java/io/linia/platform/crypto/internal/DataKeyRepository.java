package io.linia.platform.crypto.internal;

import io.linia.platform.TenantId;
import io.linia.platform.crypto.internal.KeysetWrapping.Wrapped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The wrapped keysets ({@code tenant_data_keys}, row-level secured per tenant) and the master
 * key sentinel ({@code crypto_master_key_check}, system scope only). Callers set the
 * {@link io.linia.platform.tenancy.TenantContext}; every tenant query also filters by tenant.
 */
@Repository
class DataKeyRepository {

    private static final String COLUMNS =
            "tenant_id, aead_keyset, streaming_keyset, master_key_id, version, created_at, rotated_at";

    /** A tenant's row: wrapped keysets and their version (bumped by each rotation and re-wrap). */
    record StoredKeys(TenantId tenant, Wrapped wrapped, int version, Instant createdAt, Instant rotatedAt) {
    }

    /** The known value encrypted with the master key {@code masterKeyId}. */
    record Sentinel(String masterKeyId, byte[] ciphertext) {
    }

    private final JdbcClient jdbc;

    DataKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredKeys> find(TenantId tenant) {
        return jdbc.sql("select " + COLUMNS + " from tenant_data_keys where tenant_id = ?")
                .param(tenant.value()).query(DataKeyRepository::map).optional();
    }

    /** Locks the row until the transaction ends: rotations and re-wraps of one tenant run one at a time. */
    Optional<StoredKeys> findForUpdate(TenantId tenant) {
        return jdbc.sql("select " + COLUMNS + " from tenant_data_keys where tenant_id = ? for update")
                .param(tenant.value()).query(DataKeyRepository::map).optional();
    }

    /** Stores a tenant's first keys unless another thread or node was first; returns whether it stored. */
    boolean insertIfAbsent(TenantId tenant, Wrapped wrapped, Instant now) {
        return jdbc.sql("""
                insert into tenant_data_keys (tenant_id, aead_keyset, streaming_keyset, master_key_id, version,
                                              created_at, wrapped_at)
                values (?, ?, ?, ?, 0, ?, ?)
                on conflict (tenant_id) do nothing
                """)
                .params(tenant.value(), wrapped.valueKeyset(), wrapped.streamKeyset(), wrapped.masterKeyId(),
                        Timestamp.from(now), Timestamp.from(now))
                .update() == 1;
    }

    /** Replaces the wrapped keysets if the row is still at {@code expectedVersion}; a rotation also sets rotated_at. */
    boolean replace(TenantId tenant, Wrapped wrapped, int expectedVersion, Instant now, boolean rotation) {
        return jdbc.sql("""
                update tenant_data_keys
                   set aead_keyset = ?, streaming_keyset = ?, master_key_id = ?, version = version + 1,
                       wrapped_at = ?, rotated_at = case when ? then ? else rotated_at end
                 where tenant_id = ? and version = ?
                """)
                .params(wrapped.valueKeyset(), wrapped.streamKeyset(), wrapped.masterKeyId(), Timestamp.from(now),
                        rotation, Timestamp.from(now), tenant.value(), expectedVersion)
                .update() == 1;
    }

    /** Tenants whose keysets another master key wrapped (system scope: crosses tenants). */
    List<TenantId> tenantsNotWrappedBy(String masterKeyId) {
        return jdbc.sql("select tenant_id from tenant_data_keys where master_key_id <> ? order by tenant_id")
                .param(masterKeyId).query((rs, i) -> TenantId.of(rs.getObject(1, UUID.class))).list();
    }

    /** Every master key id that wrapped some keyset (system scope). */
    List<String> masterKeyIdsInUse() {
        return jdbc.sql("select distinct master_key_id from tenant_data_keys order by 1").query(String.class).list();
    }

    /** Any one stored row wrapped by {@code masterKeyId}, for the start-up check (system scope). */
    Optional<StoredKeys> anyWrappedBy(String masterKeyId) {
        return jdbc.sql("select " + COLUMNS + " from tenant_data_keys where master_key_id = ? limit 1")
                .param(masterKeyId).query(DataKeyRepository::map).optional();
    }

    Optional<Sentinel> sentinel() {
        return jdbc.sql("select master_key_id, sentinel from crypto_master_key_check where id = 1")
                .query((rs, i) -> new Sentinel(rs.getString(1), rs.getBytes(2))).optional();
    }

    /** The first start's sentinel; another node may have been first, so the caller reads it back. */
    void insertSentinelIfAbsent(Sentinel sentinel, Instant now) {
        jdbc.sql("""
                insert into crypto_master_key_check (id, master_key_id, sentinel, updated_at) values (1, ?, ?, ?)
                on conflict (id) do nothing
                """)
                .params(sentinel.masterKeyId(), sentinel.ciphertext(), Timestamp.from(now)).update();
    }

    /** Re-wrap of the sentinel, if it is still wrapped by {@code expectedMasterKeyId}. */
    boolean replaceSentinel(String expectedMasterKeyId, Sentinel sentinel, Instant now) {
        return jdbc.sql("""
                update crypto_master_key_check set master_key_id = ?, sentinel = ?, updated_at = ?
                 where id = 1 and master_key_id = ?
                """)
                .params(sentinel.masterKeyId(), sentinel.ciphertext(), Timestamp.from(now), expectedMasterKeyId)
                .update() == 1;
    }

    private static StoredKeys map(ResultSet rs, int row) throws SQLException {
        Timestamp rotated = rs.getTimestamp("rotated_at");
        return new StoredKeys(TenantId.of(rs.getObject("tenant_id", UUID.class)),
                new Wrapped(rs.getBytes("aead_keyset"), rs.getBytes("streaming_keyset"), rs.getString("master_key_id")),
                rs.getInt("version"), rs.getTimestamp("created_at").toInstant(), rotated == null ? null : rotated.toInstant());
    }
}
