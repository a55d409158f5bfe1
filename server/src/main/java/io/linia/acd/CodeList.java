package io.linia.acd;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A tenant's list of codes with names that the platform's defaults stand for until the tenant
 * sets its own, replaced as a whole: the pause reasons (ACD-3) and the call result codes of
 * wrap-up (WS-3). One table per list ({@code tenant_id, code, name, position}); the rules are the
 * same for both: at least one entry, codes unique, lower-case letters, digits and {@code _}, none
 * of the reserved ones, every entry named (at most 200 characters). A replacement is audited.
 */
final class CodeList {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final String table;
    private final String field;
    private final String noun;
    private final List<CodeName> defaults;
    private final Set<String> reserved;

    /**
     * @param table    the list's table, also the audit's target and action prefix
     * @param field    the JSON field of the list, named by 422 answers ({@code reasons.code})
     * @param noun     what one entry is called in messages ("pause reason")
     * @param reserved codes the platform keeps for itself
     */
    CodeList(JdbcClient jdbc, AuditLog audit, String table, String field, String noun, List<CodeName> defaults,
                    Set<String> reserved) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.table = table;
        this.field = field;
        this.noun = noun;
        this.defaults = List.copyOf(defaults);
        this.reserved = Set.copyOf(reserved);
    }

    public List<CodeName> list(TenantId tenant) {
        List<CodeName> own = jdbc.sql("select code, name from " + table + " where tenant_id = ? order by position")
                .param(tenant.value()).query((rs, i) -> new CodeName(rs.getString(1), rs.getString(2))).list();
        return own.isEmpty() ? defaults : own;
    }

    /** Replaces the tenant's list (in the caller's transaction); 422 naming the field of the first bad entry. */
    public List<CodeName> replace(TenantId tenant, List<CodeName> entries) {
        if (entries.isEmpty()) {
            throw new InvalidInputException("required", field, "Keep at least one " + noun);
        }
        Set<String> seen = new HashSet<>();
        for (CodeName e : entries) {
            if (e.code() == null || !e.code().matches("[a-z0-9_]{1,64}") || reserved.contains(e.code())) {
                throw new InvalidInputException("format", field + ".code", "A code is lower-case letters, digits and _"
                        + (reserved.isEmpty() ? "" : " (and not " + String.join(", ", reserved) + ")") + ": " + e.code());
            }
            if (e.name() == null || e.name().isBlank() || e.name().length() > 200) {
                throw new InvalidInputException("required", field + ".name", "Each " + noun + " needs a name");
            }
            if (!seen.add(e.code())) {
                throw new InvalidInputException("duplicate_code", field + ".code", "Code " + e.code() + " twice");
            }
        }
        List<CodeName> before = list(tenant);
        jdbc.sql("delete from " + table + " where tenant_id = ?").param(tenant.value()).update();
        int position = 0;
        for (CodeName e : entries) {
            jdbc.sql("insert into " + table + " (tenant_id, code, name, position) values (?, ?, ?, ?)")
                    .params(tenant.value(), e.code(), e.name().trim(), position++).update();
        }
        audit.record(AuditEvent.change(tenant, table + ".replace", table, null, before, entries));
        return list(tenant);
    }

    /** Whether the code is on the tenant's list. */
    public boolean contains(TenantId tenant, String code) {
        return list(tenant).stream().anyMatch(e -> e.code().equals(code));
    }
}
