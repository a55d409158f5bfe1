package io.linia.acd.internal;

import io.linia.acd.QueueView;
import io.linia.platform.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Queues and their members (who is logged in to which queue). */
@Repository
public class QueueRepository {

    private static final String COLUMNS = """
            id, number, name, strategy, required_skills::text as skills, priority, service_level_seconds,
            max_wait_seconds, overflow_kind, overflow_target, max_length, wrap_up_seconds, ring_timeout_seconds,
            pause_on_no_answer, overflow_when_no_agents, moh_class, announce_position, announce_expected_wait,
            announce_every_seconds, script, kb_topic_id, created_at, updated_at, version""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    QueueRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<QueueView> list(TenantId tenant) {
        return jdbc.sql("select " + COLUMNS + " from acd_queues where tenant_id = ? order by number")
                .param(tenant.value()).query(this::map).list();
    }

    public Optional<QueueView> find(TenantId tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from acd_queues where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(this::map).optional();
    }

    public Optional<QueueView> findByNumber(TenantId tenant, String number) {
        return jdbc.sql("select " + COLUMNS + " from acd_queues where tenant_id = ? and number = ?")
                .params(tenant.value(), number).query(this::map).optional();
    }

    public void insert(TenantId tenant, UUID id, QueueView q, Instant now) {
        jdbc.sql("""
                insert into acd_queues (id, tenant_id, number, name, strategy, required_skills, priority,
                    service_level_seconds, max_wait_seconds, overflow_kind, overflow_target, max_length, wrap_up_seconds,
                    ring_timeout_seconds, pause_on_no_answer, overflow_when_no_agents, moh_class, announce_position,
                    announce_expected_wait, announce_every_seconds, script, kb_topic_id, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, tenant.value(), q.number(), q.name(), q.strategy(), json.writeValueAsString(q.requiredSkills()),
                        q.priority(), q.serviceLevelSeconds(), q.maxWaitSeconds(), q.overflowKind(), q.overflowTarget(),
                        q.maxLength(), q.wrapUpSeconds(), q.ringTimeoutSeconds(), q.pauseOnNoAnswer(),
                        q.overflowWhenNoAgents(), q.mohClass(), q.announcePosition(), q.announceExpectedWait(),
                        q.announceEverySeconds(), q.script(), q.kbTopicId(), Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    /** Replaces the settings if the version is still {@code version}; false when someone else changed it. */
    public boolean update(TenantId tenant, UUID id, QueueView q, int version, Instant now) {
        return jdbc.sql("""
                update acd_queues set number = ?, name = ?, strategy = ?, required_skills = ?::jsonb, priority = ?,
                    service_level_seconds = ?, max_wait_seconds = ?, overflow_kind = ?, overflow_target = ?,
                    max_length = ?, wrap_up_seconds = ?, ring_timeout_seconds = ?, pause_on_no_answer = ?,
                    overflow_when_no_agents = ?, moh_class = ?, announce_position = ?, announce_expected_wait = ?,
                    announce_every_seconds = ?, script = ?, kb_topic_id = ?, updated_at = ?, version = version + 1
                 where tenant_id = ? and id = ? and version = ?
                """)
                .params(q.number(), q.name(), q.strategy(), json.writeValueAsString(q.requiredSkills()), q.priority(),
                        q.serviceLevelSeconds(), q.maxWaitSeconds(), q.overflowKind(), q.overflowTarget(), q.maxLength(),
                        q.wrapUpSeconds(), q.ringTimeoutSeconds(), q.pauseOnNoAnswer(), q.overflowWhenNoAgents(),
                        q.mohClass(), q.announcePosition(), q.announceExpectedWait(), q.announceEverySeconds(), q.script(),
                        q.kbTopicId(), Timestamp.from(now), tenant.value(), id, version)
                .update() == 1;
    }

    public void delete(TenantId tenant, UUID id) {
        jdbc.sql("delete from acd_queues where tenant_id = ? and id = ?").params(tenant.value(), id).update();
    }

    public List<UUID> overflowingInto(TenantId tenant, UUID id) {
        return jdbc.sql("select id from acd_queues where tenant_id = ? and overflow_kind = 'QUEUE' and overflow_target = ?")
                .params(tenant.value(), id.toString()).query(UUID.class).list();
    }

    /** (queue, user) pairs: who is logged in to which queue. */
    public List<UUID[]> memberships(TenantId tenant) {
        return jdbc.sql("select queue_id, user_id from acd_queue_members where tenant_id = ? order by joined_at")
                .param(tenant.value())
                .query((rs, i) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list();
    }

    public void addMember(TenantId tenant, UUID queue, UUID user, Instant now) {
        jdbc.sql("""
                insert into acd_queue_members (tenant_id, queue_id, user_id, joined_at) values (?, ?, ?, ?)
                on conflict do nothing
                """).params(tenant.value(), queue, user, Timestamp.from(now)).update();
    }

    public void removeMember(TenantId tenant, UUID queue, UUID user) {
        jdbc.sql("delete from acd_queue_members where tenant_id = ? and queue_id = ? and user_id = ?")
                .params(tenant.value(), queue, user).update();
    }

    private QueueView map(ResultSet rs, int row) throws SQLException {
        Map<String, Integer> skills = json.readValue(rs.getString("skills"), new TypeReference<Map<String, Integer>>() { });
        return new QueueView(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("name"),
                rs.getString("strategy"), skills, rs.getInt("priority"), rs.getInt("service_level_seconds"),
                (Integer) rs.getObject("max_wait_seconds"), rs.getString("overflow_kind"), rs.getString("overflow_target"),
                rs.getInt("max_length"), rs.getInt("wrap_up_seconds"), rs.getInt("ring_timeout_seconds"),
                rs.getBoolean("pause_on_no_answer"), rs.getBoolean("overflow_when_no_agents"), rs.getString("moh_class"),
                rs.getBoolean("announce_position"), rs.getBoolean("announce_expected_wait"),
                rs.getInt("announce_every_seconds"), rs.getString("script"), rs.getObject("kb_topic_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"));
    }
}
