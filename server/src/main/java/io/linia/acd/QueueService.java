package io.linia.acd;

import io.linia.acd.engine.AcdException;
import io.linia.acd.engine.Strategy;
import io.linia.acd.internal.AcdHost;
import io.linia.acd.internal.QueueRepository;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.UserService;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues (ACD-1) and who serves them (ACD-2). Every change is validated by the routing
 * engine's own rules, stored, audited and applied to the live engine at once (ACD-9).
 */
@Service
public class QueueService {

    private static final Set<String> OVERFLOWS = Set.of("NONE", "QUEUE", "VOICEMAIL", "CALLBACK", "MESSAGE");
    /** The longest operator script (WS-6), in characters. */
    public static final int SCRIPT_MAX = 20_000;

    private final QueueRepository queues;
    private final AcdHost host;
    private final AuditLog audit;
    private final UserService users;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher publisher;
    private final KnowledgeTopics topics;

    QueueService(QueueRepository queues, AcdHost host, AuditLog audit, UserService users, Clock clock,
                 org.springframework.context.ApplicationEventPublisher publisher, KnowledgeTopics topics) {
        this.publisher = publisher;
        this.topics = topics;
        this.queues = queues;
        this.host = host;
        this.audit = audit;
        this.users = users;
        this.clock = clock;
    }

    public List<QueueView> list(TenantId tenant) {
        return queues.list(tenant);
    }

    public QueueView get(TenantId tenant, UUID id) {
        return queues.find(tenant, id).orElseThrow(() -> new NotFoundException("queue", id));
    }

    @Transactional
    public QueueView create(TenantId tenant, QueueSettings settings) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        QueueView q = validated(tenant, id, settings, null);
        if (queues.findByNumber(tenant, q.number()).isPresent()) {
            throw new ConflictException("duplicate_number", "number", "A queue with number " + q.number() + " exists");
        }
        queues.insert(tenant, id, q, now);
        QueueView stored = get(tenant, id);
        host.input(tenant, engine -> engine.configureQueue(AcdHost.config(stored), host.at(engine)));
        audit.record(AuditEvent.change(tenant, "queue.create", "queue", id, null, stored));
        return stored;
    }

    /** Replaces every setting; {@code version} must be the one the caller saw (409 stale_version). */
    @Transactional
    public QueueView update(TenantId tenant, UUID id, QueueSettings settings, int version) {
        QueueView before = get(tenant, id);
        QueueView q = validated(tenant, id, settings, before);
        queues.findByNumber(tenant, q.number()).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw new ConflictException("duplicate_number", "number", "A queue with number " + q.number() + " exists");
        });
        if (!queues.update(tenant, id, q, version, clock.instant())) {
            throw new ConflictException("stale_version", "version", "The queue was changed meanwhile; reload it");
        }
        QueueView after = get(tenant, id);
        host.input(tenant, engine -> engine.configureQueue(AcdHost.config(after), host.at(engine)));
        audit.record(AuditEvent.change(tenant, "queue.update", "queue", id, before, after));
        return after;
    }

    @Transactional
    public void delete(TenantId tenant, UUID id) {
        QueueView before = get(tenant, id);
        if (!queues.overflowingInto(tenant, id).isEmpty()) {
            throw new ConflictException("queue_in_use", null, "Another queue overflows into this one");
        }
        host.input(tenant, engine -> engine.removeQueue(id.toString(), host.at(engine)));
        queues.delete(tenant, id);
        audit.record(AuditEvent.change(tenant, "queue.delete", "queue", id, before, null));
    }

    /** An administrator (or the agent) puts an agent into a queue (ACD-2). */
    @Transactional
    public void addMember(TenantId tenant, UUID queueId, UUID userId) {
        get(tenant, queueId);
        users.get(tenant, userId);
        queues.addMember(tenant, queueId, userId, clock.instant());
        host.input(tenant, engine -> {
            if (!engine.hasAgent(userId.toString())) {
                host.defineAgent(engine, tenant, userId);
            }
            engine.join(userId.toString(), queueId.toString(), host.at(engine));
        });
        audit.record(AuditEvent.change(tenant, "queue.member_add", "queue", queueId, null, Map.of("user", userId)));
        publisher.publishEvent(new QueueActivity(tenant)); // the agent's state may stay: the wallboard still refreshes
    }

    @Transactional
    public void removeMember(TenantId tenant, UUID queueId, UUID userId) {
        get(tenant, queueId);
        users.get(tenant, userId);
        queues.removeMember(tenant, queueId, userId);
        host.input(tenant, engine -> {
            if (engine.hasAgent(userId.toString())) {
                engine.leave(userId.toString(), queueId.toString(), host.at(engine));
            }
        });
        audit.record(AuditEvent.change(tenant, "queue.member_remove", "queue", queueId, Map.of("user", userId), null));
        publisher.publishEvent(new QueueActivity(tenant));
    }

    /** The knowledge-base topics a queue may name (for the admin console's choice). */
    public List<KnowledgeTopics.Topic> knowledgeTopics(TenantId tenant) {
        return topics.list(tenant);
    }

    public java.util.Set<String> members(TenantId tenant, UUID queueId) {
        get(tenant, queueId);
        return host.read(tenant, engine -> engine.members(queueId.toString()));
    }

    private QueueView validated(TenantId tenant, UUID id, QueueSettings s, QueueView before) {
        if (s.number() == null || !s.number().matches("[0-9*#]{1,20}")) {
            throw new InvalidInputException("format", "number", "A queue number is 1..20 digits, * or #");
        }
        if (s.name() == null || s.name().isBlank() || s.name().length() > 200) {
            throw new InvalidInputException("required", "name", "A queue needs a name of up to 200 characters");
        }
        String strategy = s.strategy() == null ? "LONGEST_IDLE" : s.strategy();
        try {
            Strategy.valueOf(strategy);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown_strategy", "strategy", "No strategy " + strategy);
        }
        String overflow = s.overflowKind() == null ? "NONE" : s.overflowKind();
        if (!OVERFLOWS.contains(overflow)) {
            throw new InvalidInputException("unknown_overflow", "overflowKind", "No overflow kind " + overflow);
        }
        String target = s.overflowTarget();
        if ("QUEUE".equals(overflow)) {
            UUID targetId;
            try {
                targetId = UUID.fromString(String.valueOf(target));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("format", "overflowTarget", "The overflow target is a queue id");
            }
            if (queues.find(tenant, targetId).isEmpty()) {
                throw new InvalidInputException("unknown_queue", "overflowTarget", "No queue " + targetId);
            }
        }
        String moh = s.mohClass() == null || s.mohClass().isBlank() ? "default" : s.mohClass().strip();
        if (!moh.matches("[A-Za-z0-9_-]{1,80}")) {
            throw new InvalidInputException("format", "mohClass",
                    "A music-on-hold class is 1..80 letters, digits, - or _ (a class of Asterisk's musiconhold.conf)");
        }
        int every = orDefault(s.announceEverySeconds(), 60);
        if (every < 15 || every > 600) {
            throw new InvalidInputException("range", "announceEverySeconds", "Announcements come every 15..600 s");
        }
        String script = s.script() == null || s.script().isBlank() ? null : s.script();
        if (script != null && script.length() > SCRIPT_MAX) {
            throw new InvalidInputException("too_long", "script", "A script is at most " + SCRIPT_MAX + " characters");
        }
        if (s.kbTopicId() != null && topics.find(tenant, s.kbTopicId()).isEmpty()) {
            throw new InvalidInputException("unknown_topic", "kbTopicId", "No knowledge-base topic " + s.kbTopicId());
        }
        QueueView q = new QueueView(id, s.number(), s.name().trim(), strategy,
                s.requiredSkills() == null ? Map.of() : s.requiredSkills(), orDefault(s.priority(), 0),
                orDefault(s.serviceLevelSeconds(), 20), s.maxWaitSeconds(), overflow, target,
                orDefault(s.maxLength(), 0), orDefault(s.wrapUpSeconds(), 0), orDefault(s.ringTimeoutSeconds(), 20),
                s.pauseOnNoAnswer() == null || s.pauseOnNoAnswer(), Boolean.TRUE.equals(s.overflowWhenNoAgents()),
                moh, Boolean.TRUE.equals(s.announcePosition()), Boolean.TRUE.equals(s.announceExpectedWait()), every,
                script, s.kbTopicId(), before == null ? null : before.createdAt(), null, before == null ? 0 : before.version());
        try {
            AcdHost.config(q); // the engine's own checks: ranges, overflow to itself …
        } catch (AcdException e) {
            throw AcdHost.translate(e);
        }
        return q;
    }

    private static int orDefault(Integer v, int d) {
        return v == null ? d : v;
    }
}
