package io.linia.audit;

import io.linia.platform.TenantId;
import java.time.Instant;
import java.util.List;

/** Reads and verifies a tenant's audit log (AUD-4). Callers need the AUDIT_READ permission. */
public interface AuditReader {

    /** Result of walking a chain: {@code firstBrokenId} is the first entry whose hash or link is wrong. */
    record Verification(boolean ok, long entries, Long firstBrokenId) {
    }

    /**
     * Newest first.
     *
     * @param before keyset cursor: only entries with a smaller id; {@code null} = from the newest
     */
    List<AuditEntry> find(TenantId tenant, Instant from, Instant to, String action, String actor, String resourceId,
                          Long before, int limit);

    Verification verify(TenantId tenant);
}
