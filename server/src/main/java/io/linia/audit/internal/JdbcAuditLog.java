package io.linia.audit.internal;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.platform.ActorPrincipal;
import io.linia.platform.web.ClientAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Appends to the tenant's hash chain (AUD-4). Joins the caller's transaction, so a change and
 * its entry commit together; the chain head row lock orders concurrent appends.
 */
@Service
class JdbcAuditLog implements AuditLog {

    /** The chain of platform entries (no tenant). */
    static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;

    JdbcAuditLog(JdbcClient jdbc, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
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
        UUID tenant = e.tenantId() == null ? null : e.tenantId().value();
        UUID chain = tenant == null ? PLATFORM_CHAIN : tenant;
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String before = e.before() == null ? null : json.writeValueAsString(e.before());
        String after = e.after() == null ? null : json.writeValueAsString(e.after());

        jdbc.sql("insert into audit_chain_head (chain_id, last_hash) values (?, ?) on conflict do nothing")
                .params(chain, AuditHashing.GENESIS).update();
        String prev = jdbc.sql("select last_hash from audit_chain_head where chain_id = ? for update")
                .param(chain).query(String.class).single();
        String hash = AuditHashing.hash(prev, tenant, at, actorId, actorLogin, ip, e.action(), e.resourceType(),
                e.resourceId(), e.result(), before, after);
        jdbc.sql("""
                insert into audit_log (tenant_id, at, actor_id, actor_login, ip, action, resource_type, resource_id,
                                       result, before_state, after_state, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(tenant, Timestamp.from(at), actorId, actorLogin, ip, e.action(), e.resourceType(), e.resourceId(),
                        e.result(), before, after, prev, hash)
                .update();
        jdbc.sql("update audit_chain_head set last_hash = ?, entries = entries + 1 where chain_id = ?")
                .params(hash, chain).update();
    }
}
