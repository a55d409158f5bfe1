package io.linia.requests;

import io.linia.platform.TenantId;
import java.util.UUID;

/** A customer-company user sent a claim to a project's managers (CASE-7); published after commit. */
public record ClaimSent(TenantId tenant, UUID claimId, UUID projectId, UUID requestId) {
}
