package io.linia.acd;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.InvalidInputException;
import io.linia.platform.TenantId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-queue thresholds that colour a tile of the wallboard and the supervisor's view (RT-7,
 * beyond): a warning (amber) and an alarm (red) level for calls waiting, the longest wait and
 * the service level of today. A tile takes the worst level any figure reaches; {@code null}
 * leaves a figure unwatched. A queue without its own uses {@link #defaults}: amber while a call
 * waits, red under 80 % service level — the wallboard's rule before thresholds existed.
 */
@Service
public class QueueThresholds {

    /**
     * One queue's thresholds. Calls waiting and the longest wait (seconds) are bad from their
     * level up; the service level (%) is bad below its level.
     *
     * @param custom false while the queue uses the defaults
     */
    public record Thresholds(UUID queueId, Integer waitingWarn, Integer waitingAlarm, Integer longestWaitWarnSeconds,
                             Integer longestWaitAlarmSeconds, Double serviceLevelWarn, Double serviceLevelAlarm,
                             boolean custom) {
    }

    public static Thresholds defaults(UUID queueId) {
        return new Thresholds(queueId, 1, null, null, null, null, 80.0, false);
    }

    private final JdbcClient jdbc;
    private final QueueService queues;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    QueueThresholds(JdbcClient jdbc, QueueService queues, AuditLog audit, Clock clock,
                    ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.queues = queues;
        this.audit = audit;
        this.clock = clock;
        this.publisher = publisher;
    }

    /** Every queue's thresholds, by queue id (defaults where none are set). */
    public Map<UUID, Thresholds> all(TenantId tenant) {
        Map<UUID, Thresholds> stored = new LinkedHashMap<>();
        jdbc.sql("""
                select queue_id, waiting_warn, waiting_alarm, longest_wait_warn_seconds, longest_wait_alarm_seconds,
                       service_level_warn, service_level_alarm
                  from queue_thresholds where tenant_id = ?
                """).param(tenant.value()).query(rs -> {
                    UUID q = rs.getObject(1, UUID.class);
                    stored.put(q, new Thresholds(q, (Integer) rs.getObject(2), (Integer) rs.getObject(3),
                            (Integer) rs.getObject(4), (Integer) rs.getObject(5), percent(rs.getBigDecimal(6)),
                            percent(rs.getBigDecimal(7)), true));
                });
        Map<UUID, Thresholds> out = new LinkedHashMap<>();
        for (QueueView q : queues.list(tenant)) {
            out.put(q.id(), stored.getOrDefault(q.id(), defaults(q.id())));
        }
        return out;
    }

    public List<Thresholds> list(TenantId tenant) {
        return List.copyOf(all(tenant).values());
    }

    public Thresholds get(TenantId tenant, UUID queueId) {
        queues.get(tenant, queueId);
        return all(tenant).get(queueId);
    }

    /** Replaces a queue's thresholds; the wallboards recolour with their next snapshot. */
    @Transactional
    public Thresholds set(TenantId tenant, UUID queueId, Thresholds t) {
        Thresholds before = get(tenant, queueId);
        check(t);
        jdbc.sql("""
                insert into queue_thresholds (tenant_id, queue_id, waiting_warn, waiting_alarm, longest_wait_warn_seconds,
                                              longest_wait_alarm_seconds, service_level_warn, service_level_alarm, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, queue_id) do update set
                    waiting_warn = excluded.waiting_warn, waiting_alarm = excluded.waiting_alarm,
                    longest_wait_warn_seconds = excluded.longest_wait_warn_seconds,
                    longest_wait_alarm_seconds = excluded.longest_wait_alarm_seconds,
                    service_level_warn = excluded.service_level_warn, service_level_alarm = excluded.service_level_alarm,
                    updated_at = excluded.updated_at
                """).params(tenant.value(), queueId, t.waitingWarn(), t.waitingAlarm(), t.longestWaitWarnSeconds(),
                        t.longestWaitAlarmSeconds(), t.serviceLevelWarn(), t.serviceLevelAlarm(),
                        Timestamp.from(clock.instant()))
                .update();
        Thresholds after = get(tenant, queueId);
        audit.record(AuditEvent.change(tenant, "queue.thresholds", "queue", queueId, before, after));
        publisher.publishEvent(new QueueActivity(tenant));
        return after;
    }

    /** Back to the defaults. */
    @Transactional
    public Thresholds reset(TenantId tenant, UUID queueId) {
        Thresholds before = get(tenant, queueId);
        jdbc.sql("delete from queue_thresholds where tenant_id = ? and queue_id = ?").params(tenant.value(), queueId)
                .update();
        audit.record(AuditEvent.change(tenant, "queue.thresholds", "queue", queueId, before, defaults(queueId)));
        publisher.publishEvent(new QueueActivity(tenant));
        return defaults(queueId);
    }

    private static void check(Thresholds t) {
        range(t.waitingWarn(), 1, 100_000, "waitingWarn");
        range(t.waitingAlarm(), 1, 100_000, "waitingAlarm");
        range(t.longestWaitWarnSeconds(), 1, 86_400, "longestWaitWarnSeconds");
        range(t.longestWaitAlarmSeconds(), 1, 86_400, "longestWaitAlarmSeconds");
        range(t.serviceLevelWarn(), 0, 100, "serviceLevelWarn");
        range(t.serviceLevelAlarm(), 0, 100, "serviceLevelAlarm");
        if (t.waitingWarn() != null && t.waitingAlarm() != null && t.waitingWarn() > t.waitingAlarm()) {
            throw new InvalidInputException("warn_after_alarm", "waitingWarn", "The warning comes before the alarm");
        }
        if (t.longestWaitWarnSeconds() != null && t.longestWaitAlarmSeconds() != null
                && t.longestWaitWarnSeconds() > t.longestWaitAlarmSeconds()) {
            throw new InvalidInputException("warn_after_alarm", "longestWaitWarnSeconds",
                    "The warning comes before the alarm");
        }
        if (t.serviceLevelWarn() != null && t.serviceLevelAlarm() != null && t.serviceLevelWarn() < t.serviceLevelAlarm()) {
            throw new InvalidInputException("warn_after_alarm", "serviceLevelWarn",
                    "A service level warns above its alarm level");
        }
    }

    private static void range(Number value, double min, double max, String field) {
        if (value != null && (value.doubleValue() < min || value.doubleValue() > max
                || Double.isNaN(value.doubleValue()))) {
            throw new InvalidInputException("range", field, field + " is between " + (long) min + " and " + (long) max);
        }
    }

    private static Double percent(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }
}
