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

/**
 * The tenant's call result codes for wrap-up (WS-3); the platform's defaults until the tenant
 * sets its own, as with {@link PauseReasons}.
 */
@Service
public class WrapupCodes {

    public record Code(String code, String name) {
    }

    public static final List<Code> DEFAULTS = List.of(
            new Code("resolved", "Вопрос решён / Resolved"),
            new Code("consultation", "Консультация / Consultation"),
            new Code("request_registered", "Зарегистрирована заявка / Request registered"),
            new Code("callback_needed", "Нужен перезвон / Callback needed"),
            new Code("wrong_number", "Ошибочный звонок / Wrong number"));

    private final JdbcClient jdbc;
    private final AuditLog audit;

    WrapupCodes(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Code> list(TenantId tenant) {
        List<Code> own = jdbc.sql("select code, name from wrapup_codes where tenant_id = ? order by position")
                .param(tenant.value()).query((rs, i) -> new Code(rs.getString(1), rs.getString(2))).list();
        return own.isEmpty() ? DEFAULTS : own;
    }

    /** Replaces the list; codes are unique, lower-case letters, digits and _. Calls keep the codes they have. */
    @Transactional
    public List<Code> replace(TenantId tenant, List<Code> codes) {
        if (codes.isEmpty()) {
            throw new InvalidInputException("required", "codes", "Keep at least one result code");
        }
        Set<String> seen = new HashSet<>();
        for (Code c : codes) {
            if (c.code() == null || !c.code().matches("[a-z0-9_]{1,64}")) {
                throw new InvalidInputException("format", "codes.code",
                        "A code is lower-case letters, digits and _: " + c.code());
            }
            if (c.name() == null || c.name().isBlank() || c.name().length() > 200) {
                throw new InvalidInputException("required", "codes.name", "Each result code needs a name");
            }
            if (!seen.add(c.code())) {
                throw new InvalidInputException("duplicate_code", "codes.code", "Code " + c.code() + " twice");
            }
        }
        List<Code> before = list(tenant);
        jdbc.sql("delete from wrapup_codes where tenant_id = ?").param(tenant.value()).update();
        int position = 0;
        for (Code c : codes) {
            jdbc.sql("insert into wrapup_codes (tenant_id, code, name, position) values (?, ?, ?, ?)")
                    .params(tenant.value(), c.code(), c.name().trim(), position++).update();
        }
        audit.record(AuditEvent.change(tenant, "wrapup_codes.replace", "wrapup_codes", null, before, codes));
        return list(tenant);
    }

    /** Refuses a code that is not on the tenant's list (422 {@code unknown_code} naming {@code resultCode}). */
    public void check(TenantId tenant, String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInputException("required", "resultCode", "Choose a result code");
        }
        if (list(tenant).stream().noneMatch(c -> c.code().equals(code))) {
            throw new InvalidInputException("unknown_code", "resultCode", "No result code '" + code + "' in this organization");
        }
    }
}
