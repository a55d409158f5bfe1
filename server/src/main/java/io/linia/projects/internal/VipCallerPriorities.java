package io.linia.projects.internal;

import io.linia.acd.CallerPriorities;
import io.linia.platform.TenantId;
import io.linia.projects.Projects;
import io.linia.projects.VipEntry;
import org.springframework.stereotype.Component;

/**
 * CRM-4 "routing priority": a caller whose number is on a card of an active project's VIP list
 * queues with the highest priority any such list gives it (1..100), so the ACD serves it before
 * the other callers of its queue.
 */
@Component
class VipCallerPriorities implements CallerPriorities {

    private final Projects projects;

    VipCallerPriorities(Projects projects) {
        this.projects = projects;
    }

    @Override
    public int priority(TenantId tenant, String caller) {
        return projects.vipByPhone(tenant, caller).stream().mapToInt(VipEntry::priority).max().orElse(0);
    }
}
