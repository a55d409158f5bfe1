package io.linia.requests.internal;

import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.time.Scheduler;
import io.linia.platform.time.WakeUp;
import io.linia.requests.Requests;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable SLA escalation (CASE-3). The next deadline of every open request is stored with it
 * ({@code requests.sla_due_at}, computed by PostgreSQL, V80); this sweep claims the due rows in
 * batches with {@code FOR UPDATE SKIP LOCKED} and asks {@link Requests#escalate} for each, which
 * marks each deadline passed unmet once, writes the history and publishes the event. So:
 * <ul>
 *   <li>nothing is kept in memory per request: a restarted node finds every due deadline in the
 *       table, however many requests are open;</li>
 *   <li>with several nodes a due request is claimed by one of them (the others skip its locked
 *       row), and once escalated its {@code sla_due_at} has moved on, so it is not claimed
 *       again;</li>
 *   <li>a request whose escalation fails is rolled back to its savepoint alone and tried again
 *       at the next sweep; the batch goes on (in keyset order, so it cannot hold the batch up).</li>
 * </ul>
 *
 * <p>When it runs: on the application's {@link Scheduler} (virtual time in tests and the
 * simulator: only when the clock is advanced; real time on its pool), at start, then at the
 * earliest stored deadline still ahead but at most {@link SlaProperties#sweepInterval()} later,
 * and at once after a full batch. A node that changes a request asks for a sweep at its new
 * deadline ({@link #wakeBy}), so the deadline is met to the instant on that node; one planned
 * wake-up per node is all this class holds.
 */
@Component
@EnableConfigurationProperties(SlaProperties.class)
public class SlaSweep {

    private static final Logger log = LoggerFactory.getLogger(SlaSweep.class);

    /** A claimed request, in the order the sweep walks them. */
    record Due(Instant at, UUID tenant, UUID id) {
    }

    /** One batch: how many rows it claimed, how many deadlines it escalated, where the next one starts. */
    record Batch(int claimed, int escalated, Due last) {
    }

    private final Scheduler scheduler;
    private final ObjectProvider<Requests> requests;
    private final JdbcClient jdbc;
    private final SlaProperties properties;
    private final TransactionTemplate batchTransaction;
    private final TransactionTemplate savepoint;

    private final WakeUp wakeUp;

    SlaSweep(Scheduler scheduler, ObjectProvider<Requests> requests, JdbcClient jdbc, PlatformTransactionManager transactions,
             SlaProperties properties) {
        this.scheduler = scheduler;
        this.wakeUp = new WakeUp(scheduler, this::wake);
        this.requests = requests;
        this.jdbc = jdbc;
        this.properties = properties;
        this.batchTransaction = new TransactionTemplate(transactions);
        this.batchTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * The next deadline of an open request still to be escalated, or {@code null}: the same rule as
     * the stored {@code sla_due_at} (V80), for asking a sweep at it right after a change.
     */
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

    /**
     * An instant as PostgreSQL keeps it: to the microsecond, cut rather than rounded, so a deadline
     * is never stored later than it is (the driver would round 0.5 µs up) and a sweep at the
     * deadline's instant finds it due. The notification outbox stores its instants the same way.
     */
    public static Instant stored(Instant deadline) {
        return deadline.truncatedTo(ChronoUnit.MICROS);
    }

    /** Asks for a sweep at {@code due} unless one is planned earlier (after a request's change committed). */
    public void wakeBy(Instant due) {
        plan(due);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        plan(scheduler.now());
    }

    private void plan(Instant at) {
        wakeUp.by(at);
    }

    private void wake() {
        sweepFrom(null);
    }

    private void sweepFrom(Due after) {
        Batch batch;
        try {
            batch = sweepBatch(after);
        } catch (RuntimeException e) {
            log.error("SLA sweep failed; next attempt in {} (CASE-3)", properties.sweepInterval(), e);
            plan(scheduler.now().plus(properties.sweepInterval()));
            return;
        }
        if (batch.escalated() > 0) {
            log.info("SLA sweep escalated {} deadlines of {} requests (CASE-3)", batch.escalated(), batch.claimed());
        }
        if (batch.claimed() == properties.batchSize()) {
            // more may be due: go on at once, as a task of its own so other scheduled work gets a turn
            scheduler.schedule(scheduler.now(), () -> sweepFrom(batch.last()));
            return;
        }
        try {
            planNext();
        } catch (RuntimeException e) {
            log.error("Could not read the next SLA deadline; next sweep in {} (CASE-3)", properties.sweepInterval(), e);
            plan(scheduler.now().plus(properties.sweepInterval()));
        }
    }

    private void planNext() {
        Instant now = stored(scheduler.now());
        Instant at = now.plus(properties.sweepInterval());
        Timestamp earliest = TenantContext.asSystem(() -> jdbc.sql(
                        "select min(sla_due_at) from requests where sla_due_at > ?")
                .param(Timestamp.from(now)).query(Timestamp.class).optional().orElse(null));
        if (earliest != null && earliest.toInstant().isBefore(at)) {
            at = earliest.toInstant();
        }
        plan(at);
    }

    /** Sweeps every request due now on the calling thread, batch after batch; the deadlines escalated. */
    int sweepDue() {
        int escalated = 0;
        Due after = null;
        while (true) {
            Batch batch = sweepBatch(after);
            escalated += batch.escalated();
            if (batch.claimed() < properties.batchSize()) {
                return escalated;
            }
            after = batch.last();
        }
    }

    /**
     * One transaction: claims up to a batch of due requests after {@code after} (skipping rows
     * another sweep holds), escalates each in a savepoint of its own, in its tenant's context.
     */
    Batch sweepBatch(Due after) {
        Instant now = stored(scheduler.now()); // what is due by the stored clock is due by this one too
        return TenantContext.asSystem(() -> batchTransaction.execute(tx -> {
            List<Due> due = claim(now, after);
            int escalated = 0;
            for (Due d : due) {
                TenantId tenant = TenantId.of(d.tenant());
                try {
                    Integer n = savepoint.execute(s -> TenantContext.as(tenant, () -> requests.getObject().escalate(tenant, d.id())));
                    escalated += n == null ? 0 : n;
                } catch (RuntimeException e) {
                    log.error("SLA escalation of request {} of tenant {} failed; it is tried again at the next sweep",
                            d.id(), d.tenant(), e);
                }
            }
            return new Batch(due.size(), escalated, due.isEmpty() ? after : due.get(due.size() - 1));
        }));
    }

    private List<Due> claim(Instant now, Due after) {
        String sql = """
                select sla_due_at, tenant_id, id from requests
                 where sla_due_at <= ? %s
                 order by sla_due_at, tenant_id, id
                 limit ?
                 for update skip locked""".formatted(after == null ? "" : "and (sla_due_at, tenant_id, id) > (?, ?, ?)");
        JdbcClient.StatementSpec spec = jdbc.sql(sql).param(Timestamp.from(now));
        if (after != null) {
            spec = spec.param(Timestamp.from(after.at())).param(after.tenant()).param(after.id());
        }
        return spec.param(properties.batchSize())
                .query((rs, i) -> new Due(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)))
                .list();
    }
}
