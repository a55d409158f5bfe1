package io.linia.requests;

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
}
