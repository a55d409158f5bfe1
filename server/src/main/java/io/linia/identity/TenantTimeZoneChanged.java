package io.linia.identity;

import io.linia.platform.TenantId;

/**
 * A tenant's time zone changed (published in the changing transaction): whatever is kept per
 * local day — the daily report rollups — follows it.
 */
public record TenantTimeZoneChanged(TenantId tenant, String from, String to) {
}
