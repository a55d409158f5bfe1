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

    ReportMaintenance(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
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
        long legs = jdbc.sql("select count(*) from call_legs where tenant_id = ? and outcome <> 'open'")
                .param(tenant.value()).query(Long.class).single();
        Map<String, Long> result = Map.of("legs", legs, "rollupRows", rows);
        audit.record(AuditEvent.change(tenant, "report_rollup.rebuild", "report_rollup", null, null, result));
        return result;
    }
}
