package io.linia.requests;

import io.linia.platform.TenantId;
import java.util.UUID;

/** A request was registered (CASE-1); published after commit. */
public record RequestRegistered(TenantId tenant, UUID requestId, UUID projectId, UUID customerId, String channel) {
}
