package io.linia.asterisk;

import io.linia.acd.QueueService;
import io.linia.acd.QueueView;
import io.linia.asterisk.ami.AmiClient;
import io.linia.asterisk.ami.AmiException;
import io.linia.asterisk.ami.AmiFollower;
import io.linia.asterisk.ami.AmiMessage;
import io.linia.asterisk.queuelog.QueueLogAssembler;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.UserService;
import io.linia.identity.UserView;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Steers an Asterisk that keeps its own queues (TEL-3): adds and removes an operator's phone as
 * a dynamic member of an app_queue queue ({@code QueueAdd}, {@code QueueRemove}), pauses it with
 * a reason ({@code QueuePause}), places a click-to-call from the operator's phone
 * ({@code Originate}), sends a call elsewhere ({@code Redirect}) and silences its recording
 * for a card number (SEC-7, {@code MixMonitorMute}). What Asterisk does then comes back as
 * events through the {@link AmiFollower}, which is where states and calls are counted: the
 * commands change nothing in Linia by themselves. Every command is audited.
 */
@Service
public class AmiSteering {

    /** What Asterisk answered. */
    public record Result(String action, String response, String message) {
    }

    private final AsteriskSettings settings;
    private final AmiFollower follower;
    private final QueueService queues;
    private final UserService users;
    private final AuditLog audit;

    AmiSteering(AsteriskSettings settings, AmiFollower follower, QueueService queues, UserService users, AuditLog audit) {
        this.settings = settings;
        this.follower = follower;
        this.queues = queues;
        this.users = users;
        this.audit = audit;
    }

    /** The operator's phone becomes a dynamic member of the queue (paused from the start if asked). */
    public Result addMember(TenantId tenant, UUID queueId, UUID userId, boolean paused) {
        UserView user = users.get(tenant, userId);
        QueueView queue = queues.get(tenant, queueId);
        AsteriskSettings.Ami ami = ami(tenant);
        AmiClient client = client(tenant);
        String name = asteriskQueue(client, queue);
        String ext = extension(user);
        return run(tenant, client, AmiMessage.action("QueueAdd", "Queue", name, "Interface", ami.interfaceOf(ext),
                "MemberName", memberName(user), "Penalty", "0", "Paused", String.valueOf(paused)),
                "asterisk.queue_add", Map.of("queue", name, "user", userId));
    }

    public Result removeMember(TenantId tenant, UUID queueId, UUID userId) {
        UserView user = users.get(tenant, userId);
        QueueView queue = queues.get(tenant, queueId);
        AsteriskSettings.Ami ami = ami(tenant);
        AmiClient client = client(tenant);
        String name = asteriskQueue(client, queue);
        return run(tenant, client, AmiMessage.action("QueueRemove", "Queue", name, "Interface",
                ami.interfaceOf(extension(user))), "asterisk.queue_remove", Map.of("queue", name, "user", userId));
    }

    /** Pauses (with a reason) or unpauses the operator's phone in one queue, or in all of them. */
    public Result pause(TenantId tenant, UUID userId, boolean paused, String reason, UUID queueId) {
        UserView user = users.get(tenant, userId);
        QueueView queue = queueId == null ? null : queues.get(tenant, queueId);
        AsteriskSettings.Ami ami = ami(tenant);
        if (reason != null && (reason.length() > 80 || reason.chars().anyMatch(c -> c == '\r' || c == '\n'))) {
            throw new InvalidInputException("format", "reason", "A pause reason is one line of at most 80 characters");
        }
        AmiClient client = client(tenant);
        String name = queue == null ? null : asteriskQueue(client, queue);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user", userId);
        details.put("paused", paused);
        details.put("reason", reason);
        details.put("queue", name);
        return run(tenant, client, AmiMessage.action("QueuePause", "Queue", name, "Interface",
                ami.interfaceOf(extension(user)), "Paused", String.valueOf(paused), "Reason", paused ? reason : null),
                "asterisk.queue_pause", details);
    }

    /** Click-to-call: Asterisk rings the operator's phone, and when it answers dials the number in the context. */
    public Result originate(TenantId tenant, UUID userId, String number) {
        UserView user = users.get(tenant, userId);
        AsteriskSettings.Ami ami = ami(tenant);
        if (number == null || !number.matches("\\+?[0-9*#]{1,32}")) {
            throw new InvalidInputException("format", "number", "A number is up to 32 digits, * or #, with an optional +");
        }
        AmiClient client = client(tenant);
        return run(tenant, client, AmiMessage.action("Originate", "Channel", ami.interfaceOf(extension(user)),
                "Context", ami.context(), "Exten", number, "Priority", "1", "CallerID", number, "Timeout", "30000",
                "Async", "true"), "asterisk.originate", Map.of("user", userId, "number", number));
    }

    /** Sends the caller of a live queue call to an extension (a transfer done by Asterisk). */
    public Result redirect(TenantId tenant, String callId, String extension, String context) {
        AmiFollower.LiveCall call = live(tenant, callId);
        AsteriskSettings.Ami ami = ami(tenant);
        if (extension == null || !extension.matches("[0-9A-Za-z*#+_-]{1,40}")) {
            throw new InvalidInputException("format", "extension", "An extension is 1..40 digits, letters, * # + _ or -");
        }
        if (context != null && !context.matches("[A-Za-z0-9_.-]{1,80}")) {
            throw new InvalidInputException("format", "context", "A dialplan context is 1..80 letters, digits, _ . or -");
        }
        AmiClient client = client(tenant);
        String ctx = context == null ? ami.context() : context;
        return run(tenant, client, AmiMessage.action("Redirect", "Channel", call.channel(), "Context", ctx, "Exten",
                extension, "Priority", "1"), "asterisk.redirect",
                Map.of("call", callId, "extension", extension, "context", ctx));
    }

    /** Silences (or restores) both directions of the call's MixMonitor recording (SEC-7). */
    public Result recording(TenantId tenant, String callId, boolean paused) {
        AmiFollower.LiveCall call = live(tenant, callId);
        ami(tenant);
        AmiClient client = client(tenant);
        return run(tenant, client, AmiMessage.action("MixMonitorMute", "Channel", call.channel(), "Direction", "both",
                "State", paused ? "1" : "0"), paused ? "asterisk.recording_pause" : "asterisk.recording_resume",
                Map.of("call", callId));
    }

    /** The live call, for the API to check whose it is. */
    public AmiFollower.LiveCall live(TenantId tenant, String callId) {
        return follower.call(tenant, callId).orElseThrow(() -> new NotFoundException("call", callId));
    }

    /** Whether the operator is the member who took the call (by interface or by the number in the member's name). */
    public boolean handledBy(TenantId tenant, AmiFollower.LiveCall call, UUID userId) {
        String ext = users.get(tenant, userId).extension();
        if (ext == null || ext.isEmpty()) {
            return false;
        }
        AsteriskSettings.Ami ami = ami(tenant);
        return ami.interfaceOf(ext).equals(call.agentInterface()) || ext.equals(QueueLogAssembler.number(call.agentName()))
                || ext.equals(QueueLogAssembler.number(call.agentInterface()));
    }

    // ------------------------------------------------------------------ helpers

    private AsteriskSettings.Ami ami(TenantId tenant) {
        return settings.ami(tenant).orElseThrow(() -> new ConflictException("not_ami", "mode",
                "This tenant's Asterisk is not connected over AMI (docs/asterisk.md)"));
    }

    private AmiClient client(TenantId tenant) {
        return follower.client(tenant).orElseThrow(() -> new ConflictException("ami_not_connected", "mode",
                "Linia is not connected to the tenant's Asterisk right now; see GET /api/v1/asterisk/settings"));
    }

    private static String extension(UserView user) {
        if (user.extension() == null || user.extension().isEmpty()) {
            throw new InvalidInputException("no_extension", "userId", "The operator has no extension (their phone's number)");
        }
        return user.extension();
    }

    /** How the queue_log and the follower will recognise the member: the operator's name and extension. */
    private static String memberName(UserView user) {
        String name = user.fullName() == null || user.fullName().isBlank() ? user.login() : user.fullName().strip();
        return name.replaceAll("[\\r\\n]", " ") + " " + user.extension();
    }

    /** The app_queue queue of a Linia queue: the one named as its number, else as its name (as the import matches). */
    private static String asteriskQueue(AmiClient client, QueueView queue) {
        List<String> names;
        try {
            names = client.list(AmiMessage.action("QueueSummary")).stream().map(m -> m.get("Queue"))
                    .filter(java.util.Objects::nonNull).distinct().toList();
        } catch (AmiException e) {
            throw unavailable(e);
        }
        if (names.contains(queue.number())) {
            return queue.number();
        }
        return names.stream().filter(n -> n.equalsIgnoreCase(queue.name())).findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown_on_asterisk", "queueId", "Asterisk has no queue "
                        + queue.number() + " or '" + queue.name() + "' (it has " + names + ")"));
    }

    private Result run(TenantId tenant, AmiClient client, AmiMessage action, String auditAction, Map<String, Object> details) {
        AmiMessage r;
        try {
            r = client.call(action);
        } catch (AmiException e) {
            throw unavailable(e);
        }
        String name = action.get("Action");
        String message = r.get("Message");
        Map<String, Object> after = new LinkedHashMap<>(details);
        after.put("response", r.get("Response"));
        after.put("message", message);
        audit.record(AuditEvent.change(tenant, auditAction, "asterisk", null, null, after));
        if (!r.isSuccess()) {
            throw new InvalidInputException("ami_refused", null, "Asterisk refused " + name + ": "
                    + (message == null ? "no reason given" : message));
        }
        return new Result(name, r.get("Response"), message);
    }

    private static ConflictException unavailable(AmiException e) {
        return new ConflictException("ami_" + e.kind().name().toLowerCase(Locale.ROOT), "mode",
                "Asterisk did not answer: " + e.getMessage());
    }
}
