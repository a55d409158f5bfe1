package io.linia.acd;

import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tenant's list of pause reasons (ACD-3); the platform's defaults until the tenant sets its own. */
@Service
public class PauseReasons {

    public static final List<CodeName> DEFAULTS = List.of(
            new CodeName("break", "Перерыв / Break"),
            new CodeName("lunch", "Обед / Lunch"),
            new CodeName("training", "Обучение / Training"),
            new CodeName("meeting", "Совещание / Meeting"),
            new CodeName("after_call_work", "Работа после звонка / After-call work"));

    private final CodeList list;

    PauseReasons(JdbcClient jdbc, AuditLog audit) {
        // no_answer is the system's own: an agent paused for a call that rang out (ACD-5)
        this.list = new CodeList(jdbc, audit, "pause_reasons", "reasons", "pause reason", DEFAULTS, Set.of("no_answer"));
    }

    public List<CodeName> list(TenantId tenant) {
        return list.list(tenant);
    }

    /** Replaces the list; codes are unique, lower case, and {@code no_answer} stays the system's own. */
    @Transactional
    public List<CodeName> replace(TenantId tenant, List<CodeName> reasons) {
        return list.replace(tenant, reasons);
    }

    /** Refuses a reason that is not on the tenant's list. */
    public void check(TenantId tenant, String code) {
        if (!list.contains(tenant, code)) {
            throw new InvalidInputException("unknown_reason", "reason", "No pause reason '" + code + "' in this organization");
        }
    }
}
