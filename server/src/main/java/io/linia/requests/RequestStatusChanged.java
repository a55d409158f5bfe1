package io.linia.requests;

import io.linia.platform.TenantId;
import java.util.UUID;

/** A request moved from one status to another (codes); published after commit. */
public record RequestStatusChanged(TenantId tenant, UUID requestId, String from, String to) {
}
