package io.linia.audit;

import io.linia.platform.TenantId;
import java.util.UUID;

/**
 * One thing to put in the audit log.
 *
 * @param tenantId     whose log; {@code null} for platform-level events (e.g. a login attempt
 *                     naming an unknown tenant)
 * @param actorId      acting user; {@code null} = take it from the signed-in principal
 * @param actorLogin   acting user's login, or the login typed in a failed attempt
 * @param ip           source address; {@code null} = take it from the current request
 * @param action       what happened, dotted and stable: {@code login.success}, {@code user.create}
 * @param resourceType {@code user}, {@code role}, {@code tenant} …
 * @param resourceId   the resource's id, or {@code null}
 * @param result       {@code success}, or the reason code of a failure
 * @param before       state before the change (any JSON-serialisable value), or {@code null}
 * @param after        state after the change, or {@code null}
 */
public record AuditEvent(
        TenantId tenantId,
        UUID actorId,
        String actorLogin,
        String ip,
        String action,
        String resourceType,
        String resourceId,
        String result,
        Object before,
        Object after) {

    /** An admin-level change by the signed-in user. */
    public static AuditEvent change(TenantId tenant, String action, String resourceType, Object resourceId,
                                    Object before, Object after) {
        return new AuditEvent(tenant, null, null, null, action, resourceType,
                resourceId == null ? null : resourceId.toString(), "success", before, after);
    }
}
