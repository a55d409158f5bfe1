package io.linia.acd;

import io.linia.acd.internal.AcdHost;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the operator workstation reads besides the agent state (WS-1..4): the tenant's queues
 * with the ones the operator is in, the details of the operator's own call for the card pop
 * (queue, topic, IVR path, wrap-up), and the colleagues a call can be transferred to.
 */
@Service
public class AgentDesk {

    /** A queue the operator may join; {@code joined} when logged in to it now. */
    public record DeskQueue(UUID id, String number, String name, boolean joined) {
    }

    /** The queues, and the server's time ({@code now}, epoch ms) to run timers against (RT-6). */
    public record Queues(long now, List<DeskQueue> queues) {
    }

    /** A colleague logged in to some queue, with the ACD state (ACD-3). */
    public record Colleague(UUID userId, String name, String state, String reason) {
    }

    /**
     * The operator's call as the card pop shows it (WS-4).
     *
     * @param ivrPath    the IVR nodes passed and keys pressed ({@code node:key}); empty without an IVR
     * @param scriptHtml the operator script of the call's queue (WS-6), its Markdown rendered to
     *                   sanitized HTML as knowledge-base articles are; {@code null} when the queue has none
     */
    public record CallDetails(String id, String direction, String caller, String dialled, UUID queueId,
                              String queueName, String topic, List<String> ivrPath, Instant arrivedAt,
                              Instant connectedAt, Instant endedAt, String resultCode, String wrapupComment,
                              String scriptHtml) {
    }

    private final AcdHost host;
    private final QueueService queues;
    private final CallContexts contexts;
    private final Wallboard wallboard;
    private final JdbcClient jdbc;
    private final Clock clock;

    AgentDesk(AcdHost host, QueueService queues, CallContexts contexts, Wallboard wallboard, JdbcClient jdbc,
              Clock clock) {
        this.host = host;
        this.queues = queues;
        this.contexts = contexts;
        this.wallboard = wallboard;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Queues queues(TenantId tenant, UUID userId) {
        String agent = userId.toString();
        List<QueueView> all = queues.list(tenant);
        List<DeskQueue> out = host.read(tenant, engine -> all.stream()
                .map(q -> new DeskQueue(q.id(), q.number(), q.name(),
                        engine.hasQueue(q.id().toString()) && engine.members(q.id().toString()).contains(agent)))
                .toList());
        return new Queues(clock.millis(), out);
    }

    /**
     * A call of the operator: ringing at them now, or one they talked on. Any other call, and
     * another tenant's, is 404 (an operator does not read colleagues' calls here).
     */
    public CallDetails call(TenantId tenant, UUID userId, String callId) {
        String agent = userId.toString();
        boolean current = host.read(tenant, engine -> engine.hasAgent(agent)
                && engine.currentCall(agent).map(callId::equals).orElse(false));
        boolean theirs = current || jdbc.sql("""
                select exists (select 1 from calls where tenant_id = ? and id = ? and agent_id = ?)
                    or exists (select 1 from call_legs where tenant_id = ? and call_id = ? and agent_id = ?)""")
                .params(tenant.value(), callId, userId, tenant.value(), callId, userId).query(Boolean.class).single();
        if (!theirs) {
            throw new NotFoundException("call", callId);
        }
        CallContext context = contexts.find(tenant, callId).orElseThrow(() -> new NotFoundException("call", callId));
        return jdbc.sql("""
                select c.id, c.direction, c.caller, c.dialled, c.queue_id, q.name as queue_name, c.arrived_at,
                       c.connected_at, c.ended_at, c.result_code, c.wrapup_comment, q.script
                  from calls c left join acd_queues q on q.tenant_id = c.tenant_id and q.id = c.queue_id
                 where c.tenant_id = ? and c.id = ?""")
                .params(tenant.value(), callId)
                .query((rs, i) -> new CallDetails(rs.getString("id"), rs.getString("direction"), rs.getString("caller"),
                        rs.getString("dialled"), rs.getObject("queue_id", UUID.class), rs.getString("queue_name"),
                        context.topic(), context.ivrPath(), instant(rs.getTimestamp("arrived_at")),
                        instant(rs.getTimestamp("connected_at")), instant(rs.getTimestamp("ended_at")),
                        rs.getString("result_code"), rs.getString("wrapup_comment"),
                        rs.getString("script") == null ? null : io.linia.platform.Markdown.html(rs.getString("script"))))
                .single();
    }

    /** Colleagues logged in to the tenant's queues, by name, without the operator themself. */
    public List<Colleague> colleagues(TenantId tenant, UUID userId) {
        return wallboard.snapshot(tenant).agents().stream()
                .filter(a -> !a.userId().equals(userId))
                .map(a -> new Colleague(a.userId(), a.name(), a.state(), a.reason()))
                .toList();
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
