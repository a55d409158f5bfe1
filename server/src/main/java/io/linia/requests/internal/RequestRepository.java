package io.linia.requests.internal;

import io.linia.platform.TenantId;
import io.linia.requests.HistoryEntry;
import io.linia.requests.RequestView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Rows of requests, their values, tasks and history (V42). Every query names its tenant. */
@Repository
public class RequestRepository {

    /** A stored value: canonical text, or the ciphertext of a confidential one. */
    public record StoredValue(String value, byte[] secret) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    RequestRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The tenant's next request number (1, 2, 3 …); the row lock serializes concurrent registrations. */
    public long nextNumber(TenantId tenant) {
        return jdbc.sql("""
                insert into request_numbers (tenant_id, last_number) values (?, 1)
                on conflict (tenant_id) do update set last_number = request_numbers.last_number + 1
                returning last_number""").param(tenant.value()).query(Long.class).single();
    }

    public void insert(TenantId tenant, RequestRow r) {
        jdbc.sql("""
                insert into requests (tenant_id, id, number, project_id, type_code, status_code, subject, description, channel,
                    call_id, customer_id, customer_name, executor_id, group_code, due_at, reaction_due_at, resolution_due_at,
                    created_by, created_by_name, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), r.id(), r.number(), r.projectId(), r.type(), r.status(), r.subject(), r.description(),
                        r.channel(), r.callId(), r.customerId(), r.customerName(), r.executorId(), r.group(), ts(r.dueAt()),
                        ts(r.reactionDueAt()), ts(r.resolutionDueAt()), r.createdBy(), r.createdByName(), ts(r.createdAt()),
                        ts(r.updatedAt()))
                .update();
    }

    /** Stores the changeable columns if the request still has {@code version}; false when changed meanwhile. */
    public boolean update(TenantId tenant, RequestRow r, int version) {
        return jdbc.sql("""
                update requests set status_code = ?, subject = ?, description = ?, customer_id = ?, customer_name = ?,
                    executor_id = ?, group_code = ?, due_at = ?, resolution_due_at = ?, reacted_at = ?, resolved_at = ?,
                    reaction_overdue_at = ?, resolution_overdue_at = ?, updated_at = ?, version = version + 1
                 where tenant_id = ? and id = ? and version = ?""")
                .params(r.status(), r.subject(), r.description(), r.customerId(), r.customerName(), r.executorId(),
                        r.group(), ts(r.dueAt()), ts(r.resolutionDueAt()), ts(r.reactedAt()), ts(r.resolvedAt()),
                        ts(r.reactionOverdueAt()), ts(r.resolutionOverdueAt()), ts(r.updatedAt()), tenant.value(), r.id(),
                        version)
                .update() == 1;
    }

    public Optional<RequestRow> find(TenantId tenant, UUID id) {
        return jdbc.sql("select * from requests where tenant_id = ? and id = ?").params(tenant.value(), id)
                .query(RequestRepository::row).optional();
    }

    /** The same row locked until the transaction ends (SLA escalation). */
    public Optional<RequestRow> lock(TenantId tenant, UUID id) {
        return jdbc.sql("select * from requests where tenant_id = ? and id = ? for update").params(tenant.value(), id)
                .query(RequestRepository::row).optional();
    }

    /** Rows of these ids in the order given; ids the tenant does not have are left out. */
    public List<RequestRow> rows(TenantId tenant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, RequestRow> found = new HashMap<>();
        jdbc.sql("select * from requests where tenant_id = ? and id = any(?)").params(tenant.value(), ids.toArray(UUID[]::new))
                .query(RequestRepository::row).list().forEach(r -> found.put(r.id(), r));
        return ids.stream().map(found::get).filter(r -> r != null).toList();
    }

    /** Open requests per executor in a project, for routing a new one to the least loaded. */
    public Map<UUID, Integer> openLoad(TenantId tenant, UUID projectId) {
        Map<UUID, Integer> out = new HashMap<>();
        jdbc.sql("""
                select executor_id, count(*) from requests where tenant_id = ? and project_id = ? and resolved_at is null
                   and executor_id is not null group by executor_id""")
                .params(tenant.value(), projectId).query(rs -> {
                    out.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        return out;
    }

    /** Whether some request of the project has this type or status code (a setup may not remove it then). */
    public boolean typeUsed(TenantId tenant, UUID projectId, String type) {
        return jdbc.sql("select exists (select 1 from requests where tenant_id = ? and project_id = ? and type_code = ?)")
                .params(tenant.value(), projectId, type).query(Boolean.class).single();
    }

    public boolean statusUsed(TenantId tenant, UUID projectId, String status) {
        return jdbc.sql("select exists (select 1 from requests where tenant_id = ? and project_id = ? and status_code = ?)")
                .params(tenant.value(), projectId, status).query(Boolean.class).single();
    }

    // values

    public Map<String, StoredValue> values(TenantId tenant, UUID requestId) {
        Map<String, StoredValue> out = new HashMap<>();
        jdbc.sql("select key, value, secret from request_field_values where tenant_id = ? and request_id = ?")
                .params(tenant.value(), requestId).query(rs -> {
                    out.put(rs.getString(1), new StoredValue(rs.getString(2), rs.getBytes(3)));
                });
        return out;
    }

    public void putValue(TenantId tenant, UUID requestId, String key, String value, byte[] secret) {
        jdbc.sql("""
                insert into request_field_values (tenant_id, request_id, key, value, secret) values (?, ?, ?, ?, ?)
                on conflict (tenant_id, request_id, key) do update set value = excluded.value, secret = excluded.secret""")
                .params(tenant.value(), requestId, key, value, secret).update();
    }

    public void removeValue(TenantId tenant, UUID requestId, String key) {
        jdbc.sql("delete from request_field_values where tenant_id = ? and request_id = ? and key = ?")
                .params(tenant.value(), requestId, key).update();
    }

    // tasks

    public List<RequestView.Task> tasks(TenantId tenant, UUID requestId) {
        return jdbc.sql("select * from request_tasks where tenant_id = ? and request_id = ? order by created_at, id")
                .params(tenant.value(), requestId).query((rs, i) -> new RequestView.Task(rs.getObject("id", UUID.class),
                        rs.getString("title"), rs.getObject("assignee_id", UUID.class), instant(rs, "due_at"),
                        instant(rs, "done_at"), instant(rs, "created_at"))).list();
    }

    public void insertTask(TenantId tenant, UUID requestId, RequestView.Task t, UUID createdBy) {
        jdbc.sql("""
                insert into request_tasks (tenant_id, id, request_id, title, assignee_id, due_at, done_at, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), t.id(), requestId, t.title(), t.assigneeId(), ts(t.dueAt()), ts(t.doneAt()),
                        createdBy, ts(t.createdAt())).update();
    }

    public void updateTask(TenantId tenant, UUID requestId, RequestView.Task t) {
        jdbc.sql("update request_tasks set title = ?, assignee_id = ?, due_at = ?, done_at = ? where tenant_id = ? and request_id = ? and id = ?")
                .params(t.title(), t.assigneeId(), ts(t.dueAt()), ts(t.doneAt()), tenant.value(), requestId, t.id()).update();
    }

    public void touch(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("update requests set updated_at = ?, version = version + 1 where tenant_id = ? and id = ?")
                .params(ts(now), tenant.value(), id).update();
    }

    // history

    public void addHistory(TenantId tenant, UUID requestId, Instant at, UUID actorId, String actorName, String action,
                           List<HistoryEntry.Change> changes, String comment) {
        jdbc.sql("""
                insert into request_history (tenant_id, request_id, at, actor_id, actor_name, action, changes, comment)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")
                .params(tenant.value(), requestId, ts(at), actorId, actorName, action, json.writeValueAsString(changes), comment)
                .update();
    }

    public List<HistoryEntry> history(TenantId tenant, UUID requestId) {
        return jdbc.sql("select * from request_history where tenant_id = ? and request_id = ? order by id")
                .params(tenant.value(), requestId)
                .query((rs, i) -> new HistoryEntry(rs.getLong("id"), instant(rs, "at"), rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_name"), rs.getString("action"),
                        json.readValue(rs.getString("changes"), new TypeReference<List<HistoryEntry.Change>>() { }),
                        rs.getString("comment")))
                .list();
    }

    public int deleteHistory(TenantId tenant, UUID requestId, List<Long> ids) {
        return jdbc.sql("delete from request_history where tenant_id = ? and request_id = ? and id = any(?)")
                .params(tenant.value(), requestId, ids.toArray(Long[]::new)).update();
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static RequestRow row(ResultSet rs, int i) throws SQLException {
        return new RequestRow(rs.getObject("id", UUID.class), rs.getLong("number"), rs.getObject("project_id", UUID.class),
                rs.getString("type_code"), rs.getString("status_code"), rs.getString("subject"), rs.getString("description"),
                rs.getString("channel"), rs.getString("call_id"), rs.getObject("customer_id", UUID.class),
                rs.getString("customer_name"), rs.getObject("executor_id", UUID.class), rs.getString("group_code"),
                instant(rs, "due_at"), instant(rs, "reaction_due_at"), instant(rs, "resolution_due_at"),
                instant(rs, "reacted_at"), instant(rs, "resolved_at"), instant(rs, "reaction_overdue_at"),
                instant(rs, "resolution_overdue_at"), rs.getObject("created_by", UUID.class), rs.getString("created_by_name"),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getInt("version"));
    }
}
