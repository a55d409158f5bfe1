package io.linia.identity.internal;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.SecurityPolicies;
import io.linia.identity.SecurityPolicy;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SEC-3: disables accounts nobody has used for the tenant's effective period. "Used" means a
 * sign-in or a request with one of the account's API tokens; creation and re-enabling count
 * as a fresh start. The account keeps its history and can be re-enabled by an administrator
 * (unblock). Each disabling is audited as a system action.
 */
@Component
public class InactiveAccounts {

    private static final Logger log = LoggerFactory.getLogger(InactiveAccounts.class);

    private final JdbcClient jdbc;
    private final SecurityPolicies policies;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    InactiveAccounts(JdbcClient jdbc, SecurityPolicies policies, AuditLog audit, PlatformTransactionManager transactions,
                     Clock clock) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Scheduled(cron = "${linia.security.inactivity-check-cron:0 20 * * * *}")
    void scheduled() {
        int disabled = disableAll();
        if (disabled > 0) {
            log.info("Disabled {} accounts unused for their tenant's period (SEC-3)", disabled);
        }
    }

    /** Runs the check over every active tenant; returns how many accounts were disabled. */
    public int disableAll() {
        List<UUID> tenants = TenantContext.asSystem(() -> jdbc.sql("select id from tenants where status = 'active'")
                .query(UUID.class).list());
        int total = 0;
        for (UUID id : tenants) {
            try {
                total += disable(TenantId.of(id));
            } catch (RuntimeException e) {
                log.error("Inactivity check of tenant {} failed: {}", id, e.getMessage());
            }
        }
        return total;
    }

    /** Disables the tenant's accounts unused for its effective period; returns how many. */
    public int disable(TenantId tenant) {
        SecurityPolicy policy = policies.effective(tenant);
        if (policy.disableUnusedAfter() == null) {
            return 0;
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(policy.disableUnusedAfter());
        return TenantContext.as(tenant, () -> transaction.execute(tx -> {
            List<Map<String, Object>> rows = jdbc.sql("""
                    update users u set status = 'disabled', updated_at = ?, version = version + 1
                     where u.tenant_id = ? and u.status = 'active' and u.deleted_at is null
                       and greatest(u.created_at, u.last_login_at, u.enabled_at) < ?
                       and not exists (select 1 from auth_tokens t
                                        where t.tenant_id = u.tenant_id and t.user_id = u.id and t.last_used_at >= ?)
                    returning u.id, u.login
                    """)
                    .params(Timestamp.from(now), tenant.value(), Timestamp.from(cutoff), Timestamp.from(cutoff))
                    .query().listOfRows();
            for (Map<String, Object> row : rows) {
                audit.record(new AuditEvent(tenant, null, "system", null, "user.disable_inactive", "user",
                        row.get("id").toString(), "success", Map.of("status", "active"),
                        Map.of("status", "disabled", "unusedFor", policy.disableUnusedAfter().toString())));
            }
            return rows.size();
        }));
    }
}
