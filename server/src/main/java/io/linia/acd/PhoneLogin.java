package io.linia.acd;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.UserService;
import io.linia.identity.UserView;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import io.linia.telephony.TelephonyEvents;
import io.linia.telephony.TelephonyPorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Login from a phone (ACD-2): the agent dials {@code *45<queue number>}; when not in that
 * queue they are asked for their PIN by DTMF (ending with {@code #} or not) and, if it matches,
 * join the queue; when already in it, the same code logs them out without a PIN. Every
 * attempt is audited with its result.
 */
@Component
class PhoneLogin implements TelephonyEvents {

    static final Pattern CODE = Pattern.compile("\\*45([0-9]{1,20})");
    static final Duration PIN_WAIT = Duration.ofSeconds(30);

    private record Pending(TenantId tenant, String queueNumber, Instant until) {
    }

    private final QueueService queues;
    private final UserService users;
    private final AuditLog audit;
    private final TelephonyPorts ports;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    PhoneLogin(QueueService queues, UserService users, AuditLog audit, TelephonyPorts ports, Clock clock) {
        this.queues = queues;
        this.users = users;
        this.audit = audit;
        this.ports = ports;
        this.clock = clock;
    }

    @Override
    public void callOffered(TenantId tenant, String callId, String caller, String dialled) {
    }

    @Override
    public void answered(TenantId tenant, String callId, String endpoint) {
    }

    @Override
    public void hungUp(TenantId tenant, String callId, io.linia.telephony.HangupSide side, String cause) {
    }

    @Override
    public void phoneDialled(TenantId tenant, String endpoint, String digits) {
        Matcher m = CODE.matcher(digits);
        if (!m.matches()) {
            ports.port(tenant).promptPhone(endpoint, "unknown_code", true);
            return;
        }
        TenantContext.as(tenant, () -> {
            Optional<QueueView> queue = queue(tenant, m.group(1));
            Optional<UserView> agent = users.findByExtension(tenant, endpoint);
            if (queue.isEmpty() || agent.isEmpty()) {
                ports.port(tenant).promptPhone(endpoint, queue.isEmpty() ? "unknown_queue" : "unknown_phone", true);
                return;
            }
            if (queues.members(tenant, queue.get().id()).contains(agent.get().id().toString())) {
                queues.removeMember(tenant, queue.get().id(), agent.get().id());
                record(tenant, agent.get(), "agent.phone_logout", queue.get(), "success");
                ports.port(tenant).promptPhone(endpoint, "logged_out", true);
                return;
            }
            pending.put(key(tenant, endpoint), new Pending(tenant, m.group(1), clock.instant().plus(PIN_WAIT)));
            ports.port(tenant).promptPhone(endpoint, "enter_pin", false);
        });
    }

    @Override
    public void phoneDtmf(TenantId tenant, String endpoint, String digits) {
        Pending p = pending.remove(key(tenant, endpoint));
        if (p == null || clock.instant().isAfter(p.until())) {
            ports.port(tenant).promptPhone(endpoint, "nothing_to_enter", true);
            return;
        }
        String pin = digits.endsWith("#") ? digits.substring(0, digits.length() - 1) : digits;
        TenantContext.as(tenant, () -> {
            Optional<QueueView> queue = queue(tenant, p.queueNumber());
            Optional<UserView> agent = users.findByExtension(tenant, endpoint);
            if (queue.isEmpty() || agent.isEmpty()) {
                ports.port(tenant).promptPhone(endpoint, "unknown_queue", true);
                return;
            }
            if (!users.agentPinMatches(tenant, agent.get().id(), pin)) {
                record(tenant, agent.get(), "agent.phone_login", queue.get(), "wrong_pin");
                ports.port(tenant).promptPhone(endpoint, "wrong_pin", true);
                return;
            }
            queues.addMember(tenant, queue.get().id(), agent.get().id());
            record(tenant, agent.get(), "agent.phone_login", queue.get(), "success");
            ports.port(tenant).promptPhone(endpoint, "logged_in", true);
        });
    }

    private Optional<QueueView> queue(TenantId tenant, String number) {
        return queues.list(tenant).stream().filter(q -> q.number().equals(number)).findFirst();
    }

    private void record(TenantId tenant, UserView agent, String action, QueueView queue, String result) {
        audit.record(new AuditEvent(tenant, agent.id(), agent.login(), null, action, "queue", queue.id().toString(),
                result, null, Map.of("queue", queue.number(), "phone", String.valueOf(agent.extension()))));
    }

    private static String key(TenantId tenant, String endpoint) {
        return tenant.value() + "|" + endpoint;
    }
}
