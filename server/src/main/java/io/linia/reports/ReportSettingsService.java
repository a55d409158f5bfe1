package io.linia.reports;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's report settings (REP-10); the defaults until an administrator changes them. */
@Service
public class ReportSettingsService {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ReportSettingsService(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public ReportSettings get(TenantId tenant) {
        return jdbc.sql("select sl_formula, short_abandon_seconds, exclude_short_abandons from report_settings where tenant_id = ?")
                .param(tenant.value())
                .query((rs, i) -> new ReportSettings(Metrics.SlFormula.valueOf(rs.getString(1)), rs.getInt(2), rs.getBoolean(3)))
                .optional().orElse(ReportSettings.DEFAULTS);
    }

    /**
     * Changes the settings. A new short-abandon threshold counts calls that enter a queue from
     * now on; the stored legs keep the threshold they were counted with.
     */
    @Transactional
    public ReportSettings update(TenantId tenant, String formula, Integer shortAbandonSeconds, Boolean exclude) {
        ReportSettings before = get(tenant);
        Metrics.SlFormula f = before.formula();
        if (formula != null) {
            try {
                f = Metrics.SlFormula.valueOf(formula.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("unknown_formula", "serviceLevelFormula", "SL, SL2 or OFFERED");
            }
        }
        int threshold = shortAbandonSeconds == null ? before.shortAbandonSeconds() : shortAbandonSeconds;
        if (threshold < 1 || threshold > 5) {
            throw new InvalidInputException("out_of_range", "shortAbandonSeconds",
                    "A short abandon is under 1 to 5 seconds (inside the first service-level bucket)");
        }
        ReportSettings after = new ReportSettings(f, threshold, exclude == null ? before.excludeShortAbandons() : exclude);
        jdbc.sql("""
                insert into report_settings (tenant_id, sl_formula, short_abandon_seconds, exclude_short_abandons, updated_at)
                values (?, ?, ?, ?, ?)
                on conflict (tenant_id) do update set sl_formula = excluded.sl_formula,
                    short_abandon_seconds = excluded.short_abandon_seconds,
                    exclude_short_abandons = excluded.exclude_short_abandons, updated_at = excluded.updated_at
                """).params(tenant.value(), after.formula().name(), after.shortAbandonSeconds(), after.excludeShortAbandons(),
                Timestamp.from(clock.instant())).update();
        audit.record(AuditEvent.change(tenant, "report_settings.update", "report_settings", null, before, after));
        return after;
    }
}
