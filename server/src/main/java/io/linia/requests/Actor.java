package io.linia.requests;

import io.linia.identity.Permission;
import java.util.Set;
import java.util.UUID;

/**
 * Who works on requests, as the web edge resolves it.
 *
 * @param customerOnly a customer-company user (CASE-7: holds CLAIM_SEND, not REQUEST_MANAGE nor
 *                     PROJECT_MANAGE): sees only the requests of the projects that grant it
 *                     access and changes none
 * @param manager      holds PROJECT_MANAGE (may delete history entries)
 */
public record Actor(UUID userId, String name, boolean customerOnly, boolean manager) {

    /** Time-driven work (SLA escalation). */
    public static final Actor SYSTEM = new Actor(null, "system", false, true);

    /** A user by its permissions (CASE-7: a CLAIM_SEND holder without manager rights is a customer user). */
    public static Actor of(UUID userId, String name, Set<Permission> permissions) {
        boolean manager = permissions.contains(Permission.PROJECT_MANAGE);
        boolean customerOnly = permissions.contains(Permission.CLAIM_SEND) && !manager
                && !permissions.contains(Permission.REQUEST_MANAGE);
        return new Actor(userId, name, customerOnly, manager);
    }
}
