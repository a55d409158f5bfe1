package io.linia.audit.internal;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * AUD-5: entries older than the retention period ({@code linia.audit.retention}, at least a
 * year, default three) are purged daily, chain by chain. The purge stores an anchor (the hash
 * of the newest purged entry), so what remains still verifies, and it writes its own audit
 * entry saying how much it removed and up to when.
 */
@Component
public class AuditRetention {

    /** The shortest retention the platform accepts (SPEC AUD-5). */
    public static final Duration MINIMUM = Duration.ofDays(365);

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration retention;

    AuditRetention(JdbcClient jdbc, AuditLog audit, PlatformTransactionManager transactions, Clock clock,
                   @Value("${linia.audit.retention:1095d}") Duration retention) {
        if (retention.compareTo(MINIMUM) < 0) {
            throw new IllegalStateException("linia.audit.retention is " + retention.toDays()
                    + " days; the audit log must be kept at least 365 days (AUD-5)");
        }
        this.jdbc = jdbc;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.retention = retention;
    }

    public Duration retention() {
        return retention;
    }

    @Scheduled(cron = "${linia.audit.purge-cron:0 40 2 * * *}")
    void scheduled() {
        long purged = purgeAll();
        if (purged > 0) {
            log.info("Purged {} audit entries older than {} days (AUD-5)", purged, retention.toDays());
        }
    }

    /** Purges every chain; returns the number of entries removed. */
    public long purgeAll() {
        List<UUID> chains = TenantContext.asSystem(() -> jdbc.sql("select chain_id from audit_chain_head")
                .query(UUID.class).list());
        long total = 0;
        for (UUID chain : chains) {
            try {
                total += purge(chain.equals(JdbcAuditLog.PLATFORM_CHAIN) ? null : TenantId.of(chain));
            } catch (RuntimeException e) {
                log.error("Audit purge of chain {} failed: {}", chain, e.getMessage());
            }
        }
        return total;
    }

    /** Purges one tenant's chain ({@code null}: the platform chain); returns the number of entries removed. */
    public long purge(TenantId tenant) {
        UUID chain = tenant == null ? JdbcAuditLog.PLATFORM_CHAIN : tenant.value();
        UUID tenantValue = tenant == null ? null : tenant.value();
        Instant cutoff = clock.instant().minus(retention);
        Long purged = TenantContext.asSystem(() -> transaction.execute(tx -> {
            // appends to this chain wait until the purge is done
            if (jdbc.sql("select 1 from audit_chain_head where chain_id = ? for update").param(chain)
                    .query(Integer.class).optional().isEmpty()) {
                return 0L;
            }
            // the oldest prefix of the chain that lies wholly before the cutoff
            Long anchorId = jdbc.sql("""
                    select max(id) from audit_log
                     where tenant_id is not distinct from ?
                       and id < coalesce((select min(id) from audit_log
                                           where tenant_id is not distinct from ? and at >= ?), 9223372036854775807)
                    """)
                    .params(tenantValue, tenantValue, Timestamp.from(cutoff))
                    .query(Long.class).optional().orElse(null);
            if (anchorId == null) {
                return 0L;
            }
            String anchorHash = jdbc.sql("select hash from audit_log where id = ?").param(anchorId)
                    .query(String.class).single();
            jdbc.sql("select set_config('linia.audit_purge', 'on', true)").query().singleValue();
            int deleted = jdbc.sql("delete from audit_log where tenant_id is not distinct from ? and id <= ?")
                    .params(tenantValue, anchorId).update();
            jdbc.sql("select set_config('linia.audit_purge', 'off', true)").query().singleValue();
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.sql("""
                    insert into audit_chain_anchor (chain_id, anchor_hash, anchor_id, purged_entries, purged_before, purged_at)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (chain_id) do update set anchor_hash = excluded.anchor_hash, anchor_id = excluded.anchor_id,
                           purged_entries = audit_chain_anchor.purged_entries + excluded.purged_entries,
                           purged_before = excluded.purged_before, purged_at = excluded.purged_at
                    """)
                    .params(chain, anchorHash, anchorId, deleted, Timestamp.from(cutoff), now)
                    .update();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("purgedEntries", deleted);
            after.put("purgedBefore", cutoff.toString());
            after.put("anchorHash", anchorHash);
            audit.record(new AuditEvent(tenant, null, "system", null, "audit.purge", "audit_log", null, "success",
                    null, after));
            return (long) deleted;
        }));
        return purged == null ? 0 : purged;
    }
}
