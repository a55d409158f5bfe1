package io.linia.projects;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer card on a project's VIP list (CRM-4).
 *
 * @param priority routing priority, 1 (lowest) to 100 (highest): the ACD puts a VIP caller of the
 *                 project ahead of callers with a lower priority
 */
public record VipEntry(
        UUID projectId,
        String projectCode,
        String projectName,
        UUID customerId,
        String customerName,
        int priority,
        String note,
        Instant addedAt) {
}
