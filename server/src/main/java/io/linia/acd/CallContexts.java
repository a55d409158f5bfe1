package io.linia.acd;

import io.linia.platform.TenantId;
import java.sql.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A call's context for other modules (KB-2: the articles of a call): one probe of the call's
 * summary by its key, its IVR by the dialled number, and its last {@code ivr_end} event.
 */
@Service
public class CallContexts {

    private final JdbcClient jdbc;

    CallContexts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The call of this tenant, or empty when there is none (another tenant's call included). */
    public Optional<CallContext> find(TenantId tenant, String callId) {
        return jdbc.sql("""
                select c.id, c.dialled, c.queue_id, c.topic, f.id as ivr_id,
                       (select array(select jsonb_array_elements_text(e.data -> 'path'))
                          from call_events e
                         where e.tenant_id = c.tenant_id and e.call_id = c.id and e.type = 'ivr_end'
                         order by e.id desc limit 1) as path
                  from calls c
                  left join ivr_flows f on f.tenant_id = c.tenant_id and f.number = c.dialled
                 where c.tenant_id = ? and c.id = ?
                """)
                .params(tenant.value(), callId)
                .query((rs, i) -> {
                    Array path = rs.getArray("path");
                    List<String> steps = path == null ? List.of() : Arrays.asList((String[]) path.getArray());
                    return new CallContext(rs.getString("id"), rs.getString("dialled"), rs.getObject("queue_id", UUID.class),
                            rs.getString("topic"), rs.getObject("ivr_id", UUID.class), steps);
                })
                .optional();
    }
}
