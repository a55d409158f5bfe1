package io.linia.requests;

import io.linia.platform.TenantId;
import java.util.UUID;

/** An SLA deadline passed unmet and the request was escalated (CASE-3). {@code deadline}: REACTION or RESOLUTION. */
public record RequestOverdue(TenantId tenant, UUID requestId, String deadline) {
}
