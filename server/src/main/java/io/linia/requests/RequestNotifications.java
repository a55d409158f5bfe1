package io.linia.requests;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.requests.internal.MailDispatcher;
import io.linia.requests.internal.NotificationOutbox;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's request notifications (CASE-4) for its administrators: what is pending, sent,
 * failed or skipped, and sending a failed one again. Another tenant's notification is 404.
 */
@Service
public class RequestNotifications {

    public static final Set<String> STATUSES = Set.of("PENDING", "SENT", "FAILED", "SKIPPED");

    private final NotificationOutbox outbox;
    private final MailDispatcher dispatcher;
    private final AuditLog audit;
    private final Clock clock;

    RequestNotifications(NotificationOutbox outbox, MailDispatcher dispatcher, AuditLog audit, Clock clock) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Newest first; {@code status} one of {@link #STATUSES} in any case (or null: all),
     * {@code requestId} one request's (or null), {@code before} an id for the next page.
     */
    public List<NotificationView> list(TenantId tenant, String status, UUID requestId, Long before, int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("range", "limit", "1 to 500");
        }
        String s = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (s != null && !STATUSES.contains(s)) {
            throw new InvalidInputException("unknown_status", "status", "A status is one of pending, sent, failed, skipped");
        }
        return outbox.list(tenant, s, requestId, before, limit);
    }

    public NotificationView get(TenantId tenant, long id) {
        return outbox.find(tenant, id).orElseThrow(() -> new NotFoundException("notification", id));
    }

    /**
     * Sends a FAILED notification again, with a fresh count of attempts (409 {@code not_failed}
     * for any other status); audited as {@code request_notification.retry}.
     */
    @Transactional
    public NotificationView retry(TenantId tenant, long id) {
        NotificationView before = get(tenant, id);
        if (!outbox.requeue(tenant, id, clock.instant())) {
            throw new ConflictException("not_failed", "status", "Only a failed notification is sent again; this one is "
                    + before.status().toLowerCase(Locale.ROOT));
        }
        NotificationView after = get(tenant, id);
        audit.record(AuditEvent.change(tenant, "request_notification.retry", "request_notification", id,
                Map.of("status", before.status(), "attempts", before.attempts()), Map.of("status", after.status())));
        dispatcher.sendAfterCommit(id);
        return after;
    }
}
