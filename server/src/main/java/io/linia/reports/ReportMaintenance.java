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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReportMaintenance.class);

    private final JdbcClient jdbc;
    private final AuditLog audit;

    private final org.springframework.transaction.support.TransactionTemplate newTransaction;

    ReportMaintenance(JdbcClient jdbc, AuditLog audit, org.springframework.transaction.PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.newTransaction = new org.springframework.transaction.support.TransactionTemplate(tm);
        this.newTransaction.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Rebuilds after a change of zone, one at a time, off the request that changed it. */
    private final java.util.concurrent.ExecutorService rebuilds = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rollup-rebuild");
        t.setDaemon(true);
        return t;
    });

    /**
     * Before a change of the tenant's zone commits: the rollups are still those of the old zone
     * (recorded, so a node that stops before the rebuild ends redoes it on start).
     */
    @org.springframework.transaction.event.TransactionalEventListener(
            phase = org.springframework.transaction.event.TransactionPhase.BEFORE_COMMIT)
    public void remember(io.linia.identity.TenantTimeZoneChanged e) {
        io.linia.platform.tenancy.TenantContext.as(e.tenant(), () -> jdbc.sql("""
                insert into report_rollup_zones (tenant_id, time_zone) values (?, ?) on conflict (tenant_id) do nothing""")
                .params(e.tenant().value(), e.from()).update());
    }

    /**
     * The daily rollups are kept per day of the tenant's zone: when the zone changes, all
     * rollups are rebuilt once the change is committed, in the background (for a large tenant
     * this takes minutes — 10 million calls: about 3); until it ends, reports show the old days.
     */
    @org.springframework.transaction.event.TransactionalEventListener
    public void on(io.linia.identity.TenantTimeZoneChanged e) {
        rebuildLater(e.tenant());
    }

    /** On start: rebuilds the tenants whose rollups are not of their zone (a rebuild was cut short). */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void catchUp() {
        java.util.List<java.util.UUID> stale = io.linia.platform.tenancy.TenantContext.asSystem(() -> jdbc.sql("""
                select z.tenant_id from report_rollup_zones z join tenants t on t.id = z.tenant_id
                 where z.time_zone <> t.time_zone""").query(java.util.UUID.class).list());
        stale.forEach(t -> rebuildLater(new TenantId(t)));
    }

    /** Queues a rebuild of the tenant's rollups in a transaction of its own. */
    public java.util.concurrent.Future<?> rebuildLater(TenantId tenant) {
        return rebuilds.submit(() -> {
            long start = System.nanoTime();
            try {
                Map<String, Long> r = io.linia.platform.tenancy.TenantContext.as(tenant,
                        () -> newTransaction.execute(tx -> rebuild(tenant)));
                log.info("Rollups of tenant {} rebuilt for its time zone in {} ms: {}", tenant.value(),
                        (System.nanoTime() - start) / 1_000_000, r);
            } catch (RuntimeException ex) {
                log.error("Rebuilding the rollups of tenant {} failed; the next start tries again", tenant.value(), ex);
            }
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        rebuilds.shutdownNow();
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
        // what the rollups are now built for (read in this transaction: a later change of zone queues another)
        jdbc.sql("""
                insert into report_rollup_zones (tenant_id, time_zone, built_at)
                select id, time_zone, now() from tenants where id = ?
                on conflict (tenant_id) do update set time_zone = excluded.time_zone, built_at = excluded.built_at""")
                .param(tenant.value()).update();
        long legs = jdbc.sql("select count(*) from call_legs where tenant_id = ? and outcome <> 'open'")
                .param(tenant.value()).query(Long.class).single();
        Map<String, Long> result = Map.of("legs", legs, "rollupRows", rows);
        audit.record(AuditEvent.change(tenant, "report_rollup.rebuild", "report_rollup", null, null, result));
        return result;
    }
}
