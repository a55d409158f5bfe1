package io.linia.audit.internal;

import io.linia.audit.AuditEntry;
import io.linia.audit.AuditReader;
import io.linia.platform.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcAuditReader implements AuditReader {

    private final JdbcClient jdbc;

    JdbcAuditReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<AuditEntry> find(TenantId tenant, Instant from, Instant to, String action, String actor,
                                 String resourceId, Long before, int limit) {
        StringBuilder sql = new StringBuilder("""
                select id, at, actor_id, actor_login, ip, action, resource_type, resource_id, result, before_state,
                       after_state, hash
                  from audit_log where tenant_id = ?""");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        if (from != null) {
            sql.append(" and at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and at < ?");
            params.add(Timestamp.from(to));
        }
        if (action != null) {
            sql.append(" and action = ?");
            params.add(action);
        }
        if (actor != null) {
            sql.append(" and lower(actor_login) = lower(?)");
            params.add(actor);
        }
        if (resourceId != null) {
            sql.append(" and resource_id = ?");
            params.add(resourceId);
        }
        if (before != null) {
            sql.append(" and id < ?");
            params.add(before);
        }
        sql.append(" order by id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(JdbcAuditReader::map).list();
    }

    /** Walks the chain oldest first, streaming rows, recomputing each hash and link. */
    @Override
    @Transactional(readOnly = true)
    public Verification verify(TenantId tenant) {
        // after a retention purge (AUD-5) the chain starts from the anchor, not from genesis
        String start = jdbc.sql("select anchor_hash from audit_chain_anchor where chain_id = ?").param(tenant.value())
                .query(String.class).optional().orElse(AuditHashing.GENESIS);
        AtomicReference<String> prev = new AtomicReference<>(start);
        AtomicLong count = new AtomicLong();
        AtomicReference<Long> broken = new AtomicReference<>();
        jdbc.sql("""
                select id, tenant_id, at, actor_id, actor_login, ip, action, resource_type, resource_id, result,
                       before_state, after_state, prev_hash, hash
                  from audit_log where tenant_id = ? order by id
                """)
                .param(tenant.value())
                .query(rs -> {
                    count.incrementAndGet();
                    if (broken.get() != null) {
                        return;
                    }
                    String expected = AuditHashing.hash(rs.getString("prev_hash"), rs.getObject("tenant_id", UUID.class),
                            rs.getTimestamp("at").toInstant(), rs.getObject("actor_id", UUID.class),
                            rs.getString("actor_login"), rs.getString("ip"), rs.getString("action"),
                            rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("result"),
                            rs.getString("before_state"), rs.getString("after_state"));
                    if (!rs.getString("prev_hash").equals(prev.get()) || !expected.equals(rs.getString("hash"))) {
                        broken.set(rs.getLong("id"));
                    }
                    prev.set(rs.getString("hash"));
                });
        String head = jdbc.sql("select last_hash from audit_chain_head where chain_id = ?").param(tenant.value())
                .query(String.class).optional().orElse(AuditHashing.GENESIS);
        if (broken.get() == null && !head.equals(prev.get())) {
            // entries were removed from the end: the head remembers a later hash than the log holds
            broken.set(-1L);
        }
        return new Verification(broken.get() == null, count.get(), broken.get());
    }

    private static AuditEntry map(ResultSet rs, int i) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getObject("actor_id", UUID.class),
                rs.getString("actor_login"), rs.getString("ip"), rs.getString("action"), rs.getString("resource_type"),
                rs.getString("resource_id"), rs.getString("result"), rs.getString("before_state"),
                rs.getString("after_state"), rs.getString("hash"));
    }
}
