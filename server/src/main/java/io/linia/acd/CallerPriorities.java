package io.linia.acd;

import io.linia.platform.TenantId;

/**
 * A caller's routing priority from outside the ACD — the projects' VIP lists (CRM-4): a call
 * from such a number enters its queue with at least this priority (ACD-4: higher is served
 * first within the queue), whatever the IVR or the queue would give it.
 */
public interface CallerPriorities {

    /** The priority of calls from {@code caller} (as the switch gives it), 0 for none. Never throws for an unusable number. */
    int priority(TenantId tenant, String caller);
}
