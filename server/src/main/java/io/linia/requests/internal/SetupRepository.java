package io.linia.requests.internal;

import io.linia.platform.TenantId;
import io.linia.requests.ProjectSetup;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** Projects' constructor documents (V42 {@code request_setups}). */
@Repository
public class SetupRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    SetupRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<ProjectSetup> find(TenantId tenant, UUID projectId) {
        return jdbc.sql("select document::text, version from request_setups where tenant_id = ? and project_id = ?")
                .params(tenant.value(), projectId)
                .query((rs, i) -> withVersion(json.readValue(rs.getString(1), ProjectSetup.class), rs.getInt(2)))
                .optional();
    }

    /** Every stored setup of the tenant by project (for the customer-company view and facet labels). */
    public Map<UUID, ProjectSetup> all(TenantId tenant) {
        Map<UUID, ProjectSetup> out = new HashMap<>();
        jdbc.sql("select project_id, document::text, version from request_setups where tenant_id = ?")
                .param(tenant.value())
                .query(rs -> {
                    out.put(rs.getObject(1, UUID.class),
                            withVersion(json.readValue(rs.getString(2), ProjectSetup.class), rs.getInt(3)));
                });
        return out;
    }

    /** Stores the document if the stored one still has {@code version} (or none is stored and it is 0). */
    public boolean save(TenantId tenant, UUID projectId, ProjectSetup setup, int version, Instant now) {
        String doc = json.writeValueAsString(withVersion(setup, null));
        int n = jdbc.sql("""
                update request_setups set document = ?::jsonb, updated_at = ?, version = version + 1
                 where tenant_id = ? and project_id = ? and version = ?""")
                .params(doc, Timestamp.from(now), tenant.value(), projectId, version).update();
        if (n == 1) {
            return true;
        }
        if (version != 0) {
            return false;
        }
        return jdbc.sql("""
                insert into request_setups (tenant_id, project_id, document, updated_at, version) values (?, ?, ?::jsonb, ?, 1)
                on conflict do nothing""")
                .params(tenant.value(), projectId, doc, Timestamp.from(now)).update() == 1;
    }

    private static ProjectSetup withVersion(ProjectSetup s, Integer version) {
        return new ProjectSetup(s.dictionaries(), s.types(), s.statuses(), s.operations(), s.groups(), s.notifications(),
                s.customerUsers(), version);
    }
}
