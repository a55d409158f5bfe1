package io.linia.identity;

import io.linia.platform.TenantId;
import java.time.Instant;

/** A customer company (or the provider itself) with its own isolated contact center (ID-1). */
public record Tenant(TenantId id, String code, String name, String status, String timeZone, String defaultLanguage,
                     Instant createdAt) {

    public boolean active() {
        return "active".equals(status);
    }
}
