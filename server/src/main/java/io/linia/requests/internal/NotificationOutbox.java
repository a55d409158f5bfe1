package io.linia.requests.internal;

import io.linia.platform.TenantId;
import io.linia.requests.NotificationView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notification outbox (CASE-4, V81): rows of {@code request_notifications}. Writing is done
 * in the caller's transaction (the change that causes the notification); claiming and marking by
 * {@link MailDispatcher} across tenants in the system context; reading by tenant.
 */
@Repository
public class NotificationOutbox {

    /** A claimed notification, ready to be sent. */
    record Claimed(long id, UUID tenant, UUID requestId, String event, String recipient, String subject, String body,
                   int attempts) {
    }

    private final JdbcClient jdbc;

    NotificationOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A rendered notification to send, due at once; its id. */
    long add(TenantId tenant, UUID requestId, String event, String recipient, String subject, String body, Instant now) {
        return jdbc.sql("""
                insert into request_notifications (tenant_id, request_id, event, recipient, status, subject, body, attempts,
                    next_attempt_at, at)
                values (?, ?, ?, ?, 'PENDING', ?, ?, 0, ?, ?) returning id""")
                .params(tenant.value(), requestId, event, recipient, subject, body, ts(now), ts(now))
                .query(Long.class).single();
    }

    /** A notification that is not sent at all (no SMTP server configured), recorded as SKIPPED. */
    void skipped(TenantId tenant, UUID requestId, String event, String recipient, String subject, String body, String reason,
                 Instant now) {
        jdbc.sql("""
                insert into request_notifications (tenant_id, request_id, event, recipient, status, subject, body, error, at)
                values (?, ?, ?, ?, 'SKIPPED', ?, ?, ?, ?)""")
                .params(tenant.value(), requestId, event, recipient, subject, body, reason, ts(now)).update();
    }

    /**
     * Claims up to {@code limit} pending notifications due at {@code now} (of {@code ids} only, when
     * given), oldest due first, skipping rows another dispatcher holds; their next attempt moves to
     * {@code leaseUntil}, so no other dispatcher claims them while they are being sent. Call in the
     * system context (the outbox is read across tenants).
     */
    List<Claimed> claim(Instant now, Instant leaseUntil, int limit, List<Long> ids) {
        String only = ids == null ? "" : "and id = any(?)";
        JdbcClient.StatementSpec spec = jdbc.sql("""
                update request_notifications set next_attempt_at = ?
                 where id in (select id from request_notifications
                               where status = 'PENDING' and next_attempt_at <= ? %s
                               order by next_attempt_at, id
                               limit ?
                               for update skip locked)
                returning id, tenant_id, request_id, event, recipient, subject, body, attempts""".formatted(only))
                .param(ts(leaseUntil)).param(ts(now));
        if (ids != null) {
            spec = spec.param(ids.toArray(Long[]::new));
        }
        List<Claimed> claimed = new ArrayList<>(spec.param(limit).query((rs, i) -> new Claimed(rs.getLong("id"),
                rs.getObject("tenant_id", UUID.class), rs.getObject("request_id", UUID.class), rs.getString("event"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("body"), rs.getInt("attempts"))).list());
        claimed.sort(Comparator.comparingLong(Claimed::id));
        return claimed;
    }

    void sent(List<Long> ids, Instant at) {
        jdbc.sql("""
                update request_notifications set status = 'SENT', attempts = attempts + 1, sent_at = ?, error = null,
                    next_attempt_at = null
                 where id = any(?) and status = 'PENDING'""")
                .params(ts(at), ids.toArray(Long[]::new)).update();
    }

    /** One attempt failed: the next one at {@code retryAt}, or FAILED for good when {@code retryAt} is null. */
    void attemptFailed(long id, String error, Instant retryAt) {
        jdbc.sql("""
                update request_notifications set attempts = attempts + 1, error = ?, next_attempt_at = ?,
                    status = case when ?::timestamptz is null then 'FAILED' else 'PENDING' end
                 where id = ? and status = 'PENDING'""")
                .params(error, ts(retryAt), ts(retryAt), id).update();
    }

    /** The earliest next attempt after {@code now} of any tenant, for planning the dispatcher's wake-up. */
    Optional<Instant> nextAttemptAfter(Instant now) {
        return jdbc.sql("select min(next_attempt_at) from request_notifications where status = 'PENDING' and next_attempt_at > ?")
                .param(ts(now)).query((rs, i) -> instant(rs, 1)).optional();
    }

    // the tenant's view (RequestNotifications)

    /** The tenant's notifications newest first, of a status (or all), of a request (or all), before an id. */
    public List<NotificationView> list(TenantId tenant, String status, UUID requestId, Long before, int limit) {
        StringBuilder sql = new StringBuilder("select * from request_notifications where tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status);
        }
        if (requestId != null) {
            sql.append(" and request_id = ?");
            params.add(requestId);
        }
        if (before != null) {
            sql.append(" and id < ?");
            params.add(before);
        }
        sql.append(" order by id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(NotificationOutbox::view).list();
    }

    public Optional<NotificationView> find(TenantId tenant, long id) {
        return jdbc.sql("select * from request_notifications where tenant_id = ? and id = ?").params(tenant.value(), id)
                .query(NotificationOutbox::view).optional();
    }

    /** A FAILED notification back to PENDING with a fresh count of attempts, due at {@code now}; false if not FAILED. */
    public boolean requeue(TenantId tenant, long id, Instant now) {
        return jdbc.sql("""
                update request_notifications set status = 'PENDING', attempts = 0, next_attempt_at = ?
                 where tenant_id = ? and id = ? and status = 'FAILED'""")
                .params(ts(now), tenant.value(), id).update() == 1;
    }

    private static NotificationView view(ResultSet rs, int i) throws SQLException {
        return new NotificationView(rs.getLong("id"), rs.getObject("request_id", UUID.class), rs.getString("event"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("status"), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), rs.getString("error"), instant(rs, "at"), instant(rs, "sent_at"));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /**
     * Every instant the outbox stores or compares is cut to the microsecond PostgreSQL keeps, so
     * a row written at (or due at) an instant is due when claimed at that same instant; the driver
     * would otherwise round 0.5 µs up on one side only.
     */
    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(SlaSweep.stored(i));
    }
}
