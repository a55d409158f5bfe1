package io.linia.acd.internal;

import io.linia.acd.IvrView;
import io.linia.acd.engine.ivr.IvrFlow;
import io.linia.platform.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** Stored IVR flows (ACD-8). */
@Repository
public class IvrRepository {

    private static final String COLUMNS = "id, number, name, entry, nodes::text as nodes, created_at, updated_at, version";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final QueueRepository queues;

    IvrRepository(JdbcClient jdbc, ObjectMapper json, QueueRepository queues) {
        this.jdbc = jdbc;
        this.json = json;
        this.queues = queues;
    }

    public List<IvrView> list(TenantId tenant) {
        return jdbc.sql("select " + COLUMNS + " from ivr_flows where tenant_id = ? order by number")
                .param(tenant.value()).query(this::map).list();
    }

    public Optional<IvrView> find(TenantId tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from ivr_flows where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(this::map).optional();
    }

    public Optional<IvrView> findByNumber(TenantId tenant, String number) {
        return jdbc.sql("select " + COLUMNS + " from ivr_flows where tenant_id = ? and number = ?")
                .params(tenant.value(), number).query(this::map).optional();
    }

    /** The flow behind a dialled number, validated against the tenant's queues as they are now. */
    public Optional<IvrFlow> flowFor(TenantId tenant, String number) {
        return findByNumber(tenant, number).map(v -> flow(tenant, v));
    }

    public IvrFlow flow(TenantId tenant, IvrView v) {
        return IvrFlow.of(v.entry(), IvrJson.parse(v.nodes()), id -> queueExists(tenant, id));
    }

    public boolean queueExists(TenantId tenant, String id) {
        try {
            return queues.find(tenant, UUID.fromString(id)).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public void insert(TenantId tenant, UUID id, String number, String name, String entry, Object nodes, Instant now) {
        jdbc.sql("""
                insert into ivr_flows (id, tenant_id, number, name, entry, nodes, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                """).params(id, tenant.value(), number, name, entry, json.writeValueAsString(nodes), Timestamp.from(now),
                Timestamp.from(now)).update();
    }

    public boolean update(TenantId tenant, UUID id, String number, String name, String entry, Object nodes, int version,
                          Instant now) {
        return jdbc.sql("""
                update ivr_flows set number = ?, name = ?, entry = ?, nodes = ?::jsonb, updated_at = ?, version = version + 1
                 where tenant_id = ? and id = ? and version = ?
                """).params(number, name, entry, json.writeValueAsString(nodes), Timestamp.from(now), tenant.value(), id,
                version).update() == 1;
    }

    public void delete(TenantId tenant, UUID id) {
        jdbc.sql("delete from ivr_flows where tenant_id = ? and id = ?").params(tenant.value(), id).update();
    }

    private IvrView map(ResultSet rs, int row) throws SQLException {
        return new IvrView(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("name"),
                rs.getString("entry"), json.readTree(rs.getString("nodes")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"));
    }
}
