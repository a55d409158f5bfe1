package io.linia.audit.internal;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.ActorPrincipal;
import io.linia.platform.web.ClientAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

@Service
class JdbcAuditLog implements AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;

    JdbcAuditLog(JdbcClient jdbc, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public void record(AuditEvent e) {
        UUID actorId = e.actorId();
        String actorLogin = e.actorLogin();
        if (actorId == null && actorLogin == null) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.getPrincipal() instanceof ActorPrincipal actor) {
                actorId = actor.userId();
                actorLogin = actor.login();
            }
        }
        String ip = e.ip() != null ? e.ip() : ClientAddress.current();
        jdbc.sql("""
                insert into audit_log (tenant_id, at, actor_id, actor_login, ip, action, resource_type, resource_id,
                                       result, before_state, after_state)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))
                """)
                .params(e.tenantId() == null ? null : e.tenantId().value(), Timestamp.from(clock.instant()), actorId,
                        actorLogin, ip, e.action(), e.resourceType(), e.resourceId(), e.result(),
                        e.before() == null ? null : json.writeValueAsString(e.before()),
                        e.after() == null ? null : json.writeValueAsString(e.after()))
                .update();
    }
}
