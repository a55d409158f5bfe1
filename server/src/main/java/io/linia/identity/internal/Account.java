package io.linia.identity.internal;

import io.linia.platform.TenantId;
import java.time.Instant;
import java.util.UUID;

/** What sign-in needs to know about a user: credentials and the lock/block state. */
public record Account(
        TenantId tenantId,
        UUID id,
        String login,
        String fullName,
        String language,
        String status,
        String passwordHash,
        Instant passwordChangedAt,
        boolean mustChangePassword,
        int failedLogins,
        Instant lockedUntil,
        Instant lastLoginAt) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
