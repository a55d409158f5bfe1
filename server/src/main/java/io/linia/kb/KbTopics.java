package io.linia.kb;

import io.linia.platform.TextInput;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.RoleService;
import io.linia.identity.RoleView;
import io.linia.kb.internal.KbRepository;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The topic tree (KB-1) and who may read each topic (KB-4): a topic names the roles that may read
 * it, and every topic above it must admit the reader too (see {@code TopicRights}). Staff-only
 * regulations (KB-5) are a topic readable by staff roles. Changes need KB_MANAGE (checked at the
 * web edge) and are audited.
 */
@Service
public class KbTopics {

    public static final int MAX_ROLES = 50;

    private final KbRepository repo;
    private final RoleService roles;
    private final AuditLog audit;
    private final Clock clock;

    KbTopics(KbRepository repo, RoleService roles, AuditLog audit, Clock clock) {
        this.repo = repo;
        this.roles = roles;
        this.audit = audit;
        this.clock = clock;
    }

    /** The topics the reader may read, in order (a flat list: {@code parentId} makes the tree). */
    public List<TopicView> list(TenantId tenant, KbReader reader) {
        return repo.topics(tenant, reader);
    }

    /** A topic the reader may read; 404 otherwise (another tenant's, or a topic closed to them). */
    public TopicView get(TenantId tenant, KbReader reader, UUID id) {
        TopicView t = repo.topic(tenant, id).orElseThrow(() -> new NotFoundException("topic", id));
        if (!repo.readable(tenant, reader, id)) {
            throw new NotFoundException("topic", id);
        }
        return t;
    }

    @Transactional
    public TopicView create(TenantId tenant, TopicDraft draft) {
        String name = TextInput.required("name", draft.name(), 200);
        if (draft.parentId() != null && repo.topic(tenant, draft.parentId()).isEmpty()) {
            throw new InvalidInputException("unknown_topic", "parentId", "No topic " + draft.parentId());
        }
        List<String> readerRoles = readerRoles(tenant, draft.readerRoles());
        UUID id = UUID.randomUUID();
        repo.insertTopic(tenant, id, draft.parentId(), name, position(draft), readerRoles, clock.instant());
        TopicView created = repo.topic(tenant, id).orElseThrow();
        audit.record(AuditEvent.change(tenant, "kb_topic.create", "kb_topic", id, null, created));
        return created;
    }

    /** Replaces name, parent, position and readers. Moving a topic under itself is refused (422 {@code cycle}). */
    @Transactional
    public TopicView update(TenantId tenant, UUID id, TopicDraft draft) {
        TopicView before = repo.topic(tenant, id).orElseThrow(() -> new NotFoundException("topic", id));
        String name = TextInput.required("name", draft.name(), 200);
        if (draft.parentId() != null) {
            if (repo.topic(tenant, draft.parentId()).isEmpty()) {
                throw new InvalidInputException("unknown_topic", "parentId", "No topic " + draft.parentId());
            }
            if (repo.isSelfOrBelow(tenant, id, draft.parentId())) {
                throw new InvalidInputException("cycle", "parentId", "A topic cannot move under itself");
            }
        }
        List<String> readerRoles = readerRoles(tenant, draft.readerRoles());
        int version = draft.version() == null ? before.version() : draft.version();
        Instant now = clock.instant();
        if (!repo.updateTopic(tenant, id, draft.parentId(), name, position(draft), readerRoles, version, now)) {
            throw new ConflictException("stale_version", "version", "The topic was changed meanwhile; reload it");
        }
        TopicView after = repo.topic(tenant, id).orElseThrow();
        audit.record(AuditEvent.change(tenant, "kb_topic.update", "kb_topic", id, before, after));
        return after;
    }

    /** Deletes an empty topic; one with sub-topics or articles is kept (409 {@code topic_not_empty}). */
    @Transactional
    public void delete(TenantId tenant, UUID id) {
        TopicView before = repo.topic(tenant, id).orElseThrow(() -> new NotFoundException("topic", id));
        if (repo.topicHasContent(tenant, id)) {
            throw new ConflictException("topic_not_empty", null, "Move or delete its sub-topics and articles first");
        }
        repo.deleteTopic(tenant, id);
        audit.record(AuditEvent.change(tenant, "kb_topic.delete", "kb_topic", id, before, null));
    }

    private static int position(TopicDraft draft) {
        int p = draft.position() == null ? 0 : draft.position();
        if (p < 0 || p > 100_000) {
            throw new InvalidInputException("range", "position", "0..100000");
        }
        return p;
    }

    private List<String> readerRoles(TenantId tenant, List<String> given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        if (given.size() > MAX_ROLES) {
            throw new InvalidInputException("too_many", "readerRoles", "At most " + MAX_ROLES + " roles");
        }
        Set<String> known = roles.list(tenant).stream().map(RoleView::code).collect(Collectors.toSet());
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String code = given.get(i) == null ? "" : given.get(i).strip();
            if (!known.contains(code)) {
                throw new InvalidInputException("unknown_role", "readerRoles[" + i + "]", "No role " + code);
            }
            out.add(code);
        }
        return new ArrayList<>(out);
    }
}
