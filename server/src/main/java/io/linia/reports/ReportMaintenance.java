package io.linia.reports;

import io.linia.acd.ReportFacts;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.TenantId;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rebuilds a tenant's rollups from its call legs in one transaction (REP-11): after a bulk load
 * or an import of history, or to check that the rollups the ACD keeps leg by leg are right.
 */
@Service
public class ReportMaintenance {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    private final org.springframework.transaction.support.TransactionTemplate newTransaction;

    ReportMaintenance(JdbcClient jdbc, AuditLog audit, org.springframework.transaction.PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.newTransaction = new org.springframework.transaction.support.TransactionTemplate(tm);
        this.newTransaction.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The daily rollups are kept per day of the tenant's zone: when the zone changes, all
     * rollups are rebuilt from the legs once the change is committed (in a transaction of
     * their own; for a large tenant this takes minutes — 10 million calls: about 3).
     */
    @org.springframework.transaction.event.TransactionalEventListener
    public void on(io.linia.identity.TenantTimeZoneChanged e) {
        // the tenant first, then a transaction of its own (the changing one has ended)
        io.linia.platform.tenancy.TenantContext.as(e.tenant(), () -> newTransaction.execute(tx -> rebuild(e.tenant())));
    }

    /** Returns how many legs were read and rollup rows written. */
    @Transactional
    public Map<String, Long> rebuild(TenantId tenant) {
        long rows = 0;
        for (String table : ReportFacts.ROLLUP_TABLES) {
            jdbc.sql("delete from " + table + " where tenant_id = ?").param(tenant.value()).update();
        }
        for (String build : ReportFacts.rebuild()) {
            rows += jdbc.sql(build).param(tenant.value()).update();
        }
        // the operators' days (REP-8), kept by triggers, are per day of the zone too
        rows += jdbc.sql("select report_agent_days_rebuild(?)").param(tenant.value()).query(Long.class).single();
        long legs = jdbc.sql("select count(*) from call_legs where tenant_id = ? and outcome <> 'open'")
                .param(tenant.value()).query(Long.class).single();
        Map<String, Long> result = Map.of("legs", legs, "rollupRows", rows);
        audit.record(AuditEvent.change(tenant, "report_rollup.rebuild", "report_rollup", null, null, result));
        return result;
    }
}
