package io.linia.audit;

import java.time.Instant;
import java.util.UUID;

/** One stored audit entry as the read API shows it (AUD-4). */
public record AuditEntry(long id, Instant at, UUID actorId, String actorLogin, String ip, String action,
                         String resourceType, String resourceId, String result, String before, String after,
                         String hash) {
}
