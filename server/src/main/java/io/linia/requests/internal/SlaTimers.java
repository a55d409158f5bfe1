package io.linia.requests.internal;

import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.time.Scheduler;
import io.linia.requests.Requests;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * SLA timers (CASE-3) on the application's {@link Scheduler}: in virtual time (tests, the
 * simulator) they fire when the clock is advanced past the deadline, in real time on the
 * scheduler's pool. A timer only calls {@link Requests#escalate}, which checks the stored
 * deadlines itself, so a stale timer (the request was resolved, its due date moved) does nothing,
 * and each firing arms the next pending deadline. At start-up every open deadline is armed again
 * from the database (timers live in memory).
 */
@Component
public class SlaTimers {

    private static final Logger log = LoggerFactory.getLogger(SlaTimers.class);

    private final Scheduler scheduler;
    private final ObjectProvider<Requests> requests;
    private final RequestRepository rows;

    SlaTimers(Scheduler scheduler, ObjectProvider<Requests> requests, RequestRepository rows) {
        this.scheduler = scheduler;
        this.requests = requests;
        this.rows = rows;
    }

    /** The next deadline of an open request still to be checked, or {@code null}. */
    public static Instant nextDeadline(RequestRow r) {
        if (r.resolvedAt() != null) {
            return null;
        }
        Instant reaction = r.reactedAt() == null && r.reactionOverdueAt() == null ? r.reactionDueAt() : null;
        Instant resolution = r.resolutionOverdueAt() == null ? r.resolutionDueAt() : null;
        if (reaction == null) {
            return resolution;
        }
        return resolution == null || reaction.isBefore(resolution) ? reaction : resolution;
    }

    public void arm(TenantId tenant, UUID requestId, Instant at) {
        scheduler.schedule(at, () -> fire(tenant, requestId));
    }

    private void fire(TenantId tenant, UUID requestId) {
        try {
            Instant next = TenantContext.as(tenant, () -> requests.getObject().escalate(tenant, requestId));
            if (next != null && next.isAfter(scheduler.now())) {
                arm(tenant, requestId, next);
            }
        } catch (RuntimeException e) {
            log.error("SLA check of request {} of tenant {} failed", requestId, tenant.value(), e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void rearm() {
        List<Object[]> pending = TenantContext.asSystem(rows::pendingDeadlines);
        for (Object[] p : pending) {
            if (p[2] != null) {
                arm(TenantId.of((UUID) p[0]), (UUID) p[1], (Instant) p[2]);
            }
        }
        if (!pending.isEmpty()) {
            log.info("Armed {} SLA timers of open requests (CASE-3)", pending.size());
        }
    }
}
