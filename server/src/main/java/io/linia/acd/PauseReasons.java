package io.linia.acd;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tenant's list of pause reasons (ACD-3); the platform's defaults until the tenant sets its own. */
@Service
public class PauseReasons {

    public record Reason(String code, String name) {
    }

    public static final List<Reason> DEFAULTS = List.of(
            new Reason("break", "Перерыв / Break"),
            new Reason("lunch", "Обед / Lunch"),
            new Reason("training", "Обучение / Training"),
            new Reason("meeting", "Совещание / Meeting"),
            new Reason("after_call_work", "Работа после звонка / After-call work"));

    private final JdbcClient jdbc;
    private final AuditLog audit;

    PauseReasons(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Reason> list(TenantId tenant) {
        List<Reason> own = jdbc.sql("select code, name from pause_reasons where tenant_id = ? order by position")
                .param(tenant.value()).query((rs, i) -> new Reason(rs.getString(1), rs.getString(2))).list();
        return own.isEmpty() ? DEFAULTS : own;
    }

    /** Replaces the list; codes are unique, lower case, and {@code no_answer} stays the system's own. */
    @Transactional
    public List<Reason> replace(TenantId tenant, List<Reason> reasons) {
        if (reasons.isEmpty()) {
            throw new InvalidInputException("required", "reasons", "Keep at least one pause reason");
        }
        Set<String> seen = new HashSet<>();
        for (Reason r : reasons) {
            if (r.code() == null || !r.code().matches("[a-z0-9_]{1,64}") || "no_answer".equals(r.code())) {
                throw new InvalidInputException("format", "reasons.code",
                        "A code is lower-case letters, digits and _ (and not no_answer): " + r.code());
            }
            if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
                throw new InvalidInputException("required", "reasons.name", "Each reason needs a name");
            }
            if (!seen.add(r.code())) {
                throw new InvalidInputException("duplicate_code", "reasons.code", "Code " + r.code() + " twice");
            }
        }
        List<Reason> before = list(tenant);
        jdbc.sql("delete from pause_reasons where tenant_id = ?").param(tenant.value()).update();
        int position = 0;
        for (Reason r : reasons) {
            jdbc.sql("insert into pause_reasons (tenant_id, code, name, position) values (?, ?, ?, ?)")
                    .params(tenant.value(), r.code(), r.name().trim(), position++).update();
        }
        audit.record(AuditEvent.change(tenant, "pause_reasons.replace", "pause_reasons", null, before, reasons));
        return list(tenant);
    }

    /** Refuses a reason that is not on the tenant's list. */
    public void check(TenantId tenant, String code) {
        if (list(tenant).stream().noneMatch(r -> r.code().equals(code))) {
            throw new InvalidInputException("unknown_reason", "reason", "No pause reason '" + code + "' in this organization");
        }
    }
}
