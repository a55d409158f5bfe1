package io.linia.acd;

import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's call result codes for wrap-up (WS-3); the platform's defaults until the tenant
 * sets its own, as with {@link PauseReasons}.
 */
@Service
public class WrapupCodes {

    public static final List<CodeName> DEFAULTS = List.of(
            new CodeName("resolved", "Вопрос решён / Resolved"),
            new CodeName("consultation", "Консультация / Consultation"),
            new CodeName("request_registered", "Зарегистрирована заявка / Request registered"),
            new CodeName("callback_needed", "Нужен перезвон / Callback needed"),
            new CodeName("wrong_number", "Ошибочный звонок / Wrong number"));

    private final CodeList list;

    WrapupCodes(JdbcClient jdbc, AuditLog audit) {
        this.list = new CodeList(jdbc, audit, "wrapup_codes", "codes", "result code", DEFAULTS, Set.of());
    }

    public List<CodeName> list(TenantId tenant) {
        return list.list(tenant);
    }

    /** Replaces the list; codes are unique, lower-case letters, digits and _. Calls keep the codes they have. */
    @Transactional
    public List<CodeName> replace(TenantId tenant, List<CodeName> codes) {
        return list.replace(tenant, codes);
    }

    /** Refuses a code that is not on the tenant's list (422 {@code unknown_code} naming {@code resultCode}). */
    public void check(TenantId tenant, String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInputException("required", "resultCode", "Choose a result code");
        }
        if (!list.contains(tenant, code)) {
            throw new InvalidInputException("unknown_code", "resultCode", "No result code '" + code + "' in this organization");
        }
    }
}
