package io.linia.platform.crypto.internal;

import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant's confidential-storage switch (SEC-6) in {@code tenant_data_protection}; no row means on. */
@Repository
class DataProtectionSettings {

    private final JdbcClient jdbc;

    DataProtectionSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean confidentialStorage(TenantId tenant) {
        return TenantContext.as(tenant, () -> jdbc.sql(
                        "select confidential_storage from tenant_data_protection where tenant_id = ?")
                .param(tenant.value()).query(Boolean.class).optional().orElse(true));
    }

    void setConfidentialStorage(TenantId tenant, boolean enabled, Instant now) {
        TenantContext.as(tenant, () -> jdbc.sql("""
                        insert into tenant_data_protection (tenant_id, confidential_storage, updated_at) values (?, ?, ?)
                        on conflict (tenant_id) do update set confidential_storage = excluded.confidential_storage,
                                                              updated_at = excluded.updated_at
                        """)
                .params(tenant.value(), enabled, Timestamp.from(now)).update());
    }
}
