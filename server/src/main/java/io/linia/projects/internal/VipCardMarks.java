package io.linia.projects.internal;

import io.linia.customers.CardMark;
import io.linia.customers.CardMarks;
import io.linia.platform.TenantId;
import io.linia.projects.Projects;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** CRM-4: the card's VIP mark — the active projects whose VIP list holds it, highest priority first. */
@Component
class VipCardMarks implements CardMarks {

    static final String KIND = "vip";

    private final Projects projects;

    VipCardMarks(Projects projects) {
        this.projects = projects;
    }

    @Override
    public List<CardMark> marks(TenantId tenant, UUID customerId) {
        return projects.vipOf(tenant, customerId).stream()
                .map(v -> new CardMark(KIND, v.projectId(), v.projectCode(), v.projectName(), v.priority(), v.note()))
                .toList();
    }
}
