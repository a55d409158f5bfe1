package io.linia.customers;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's settings for customers: the default region of phone numbers typed without a
 * country code (CRM-2), {@code RU} until changed. Changing it affects numbers entered or
 * matched from then on; stored numbers are already E.164 and stay as they are.
 */
@Service
public class CustomerSettings {

    /** The settings as the API shows them. */
    public record View(String defaultRegion) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    /**
     * The region is read on every caller lookup (CRM-2) and changes rarely: kept for 10 s, so a
     * change made on another node counts there within 10 s (at once on this one).
     */
    private final com.github.benmanes.caffeine.cache.Cache<TenantId, String> regions =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(10))
                    .maximumSize(100_000).build();

    CustomerSettings(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public View get(TenantId tenant) {
        return new View(defaultRegion(tenant));
    }

    /** The region phone numbers without a country code belong to. */
    public String defaultRegion(TenantId tenant) {
        return regions.get(tenant, this::storedRegion);
    }

    private String storedRegion(TenantId tenant) {
        return jdbc.sql("select default_region from customer_settings where tenant_id = ?").param(tenant.value())
                .query(String.class).optional().orElse(PhoneNumbers.DEFAULT_REGION);
    }

    @Transactional
    public View update(TenantId tenant, View settings) {
        String region = settings.defaultRegion() == null ? null : settings.defaultRegion().strip().toUpperCase(Locale.ROOT);
        if (!PhoneNumbers.isRegion(region)) {
            throw new InvalidInputException("unknown_region", "defaultRegion",
                    "A region is a two-letter country code with a numbering plan, e.g. RU, KZ, BY, DE");
        }
        View before = get(tenant);
        jdbc.sql("""
                insert into customer_settings (tenant_id, default_region, updated_at) values (?, ?, ?)
                on conflict (tenant_id) do update set default_region = excluded.default_region,
                    updated_at = excluded.updated_at, version = customer_settings.version + 1""")
                .params(tenant.value(), region, Timestamp.from(clock.instant())).update();
        regions.invalidate(tenant);
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            // a lookup between this write and the commit would cache the old region again
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            regions.invalidate(tenant);
                        }
                    });
        }
        View after = new View(region);
        audit.record(AuditEvent.change(tenant, "customer_settings.update", "customer_settings", tenant.value(),
                Map.of("defaultRegion", before.defaultRegion()), Map.of("defaultRegion", region)));
        return after;
    }
}
