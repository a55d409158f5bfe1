package io.linia.acd;

import io.linia.platform.TenantId;
import java.util.UUID;

/**
 * Something happened to a call (published after it is stored). {@code agents} are the users
 * the call concerns now (the agent it rings at or talks to, or did).
 */
public record CallChanged(TenantId tenant, CallRecord call, java.util.Set<UUID> agents) {
}
