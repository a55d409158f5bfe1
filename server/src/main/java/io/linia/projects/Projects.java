package io.linia.projects;

import io.linia.platform.TextInput;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.customers.CustomerSummary;
import io.linia.customers.Customers;
import io.linia.identity.UserService;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.projects.internal.ProjectRepository;
import io.linia.projects.internal.Texts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's projects, their people and VIP lists (CASE-2, CRM-4). Each change is one
 * transaction: check, store, audit ({@code project.create|update}, {@code project.vip_put},
 * {@code project.vip_delete}). Projects are switched off ({@code active=false}), never deleted:
 * requests and reports refer to them.
 *
 * <p>Other modules ask {@link #vipOf} (a card) or {@link #vipByPhone} (a caller's number, matched
 * through {@link Customers#byPhone}) which active projects hold the customer as VIP, highest
 * priority first: the IVR/ACD for routing priority, the card for its VIP mark.
 */
@Service
public class Projects {

    public static final int MAX_MANAGERS = 50;
    public static final int MAX_MEMBERS = 1000;

    private final ProjectRepository projects;
    private final UserService users;
    private final Customers customers;
    private final AuditLog audit;
    private final Clock clock;

    Projects(ProjectRepository projects, UserService users, Customers customers, AuditLog audit, Clock clock) {
        this.projects = projects;
        this.users = users;
        this.customers = customers;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ProjectView> list(TenantId tenant, boolean activeOnly) {
        return projects.list(tenant, null, null, activeOnly);
    }

    public ProjectView get(TenantId tenant, UUID id) {
        return projects.find(tenant, id).orElseThrow(() -> new NotFoundException("project", id));
    }

    public Optional<ProjectView> byCode(TenantId tenant, String code) {
        return code == null ? Optional.empty() : projects.findByCode(tenant, code.strip().toUpperCase(java.util.Locale.ROOT));
    }

    /** The projects the user manages (role MANAGER), by id. */
    public List<UUID> managedBy(TenantId tenant, UUID userId) {
        return projects.rolesOf(tenant, userId).entrySet().stream().filter(e -> e.getValue().equals("MANAGER"))
                .map(Map.Entry::getKey).toList();
    }

    @Transactional
    public ProjectView create(TenantId tenant, ProjectDraft draft) {
        String code = Texts.code("code", draft.code());
        String name = TextInput.line("name", draft.name(), 200);
        if (name == null) {
            throw new InvalidInputException("required", "name", "A project needs a name");
        }
        String description = TextInput.lines("description", draft.description(), 2000);
        List<UUID> managers = people(tenant, "managers", draft.managers(), MAX_MANAGERS);
        List<UUID> members = people(tenant, "members", draft.members(), MAX_MEMBERS);
        if (projects.codeTaken(tenant, code, null)) {
            throw new ConflictException("duplicate_code", "code", "Another project has the code " + code);
        }
        UUID id = UUID.randomUUID();
        projects.insert(tenant, id, code, name, description, draft.active() == null || draft.active(), clock.instant());
        projects.replaceMembers(tenant, id, managers, members);
        ProjectView created = get(tenant, id);
        audit.record(AuditEvent.change(tenant, "project.create", "project", id, null, created));
        return created;
    }

    @Transactional
    public ProjectView update(TenantId tenant, UUID id, ProjectDraft draft) {
        ProjectView before = get(tenant, id);
        if (draft.version() != null && draft.version() != before.version()) {
            throw stale();
        }
        String code = draft.code() == null ? before.code() : Texts.code("code", draft.code());
        String name = draft.name() == null ? before.name() : TextInput.line("name", draft.name(), 200);
        if (name == null) {
            throw new InvalidInputException("required", "name", "A project needs a name");
        }
        String description = draft.description() == null ? before.description()
                : TextInput.lines("description", draft.description(), 2000);
        List<UUID> managers = draft.managers() == null ? before.managers()
                : people(tenant, "managers", draft.managers(), MAX_MANAGERS);
        List<UUID> members = draft.members() == null ? before.members()
                : people(tenant, "members", draft.members(), MAX_MEMBERS);
        if (projects.codeTaken(tenant, code, id)) {
            throw new ConflictException("duplicate_code", "code", "Another project has the code " + code);
        }
        boolean active = draft.active() == null ? before.active() : draft.active();
        if (!projects.update(tenant, id, code, name, description, active, before.version(), clock.instant())) {
            throw stale();
        }
        projects.replaceMembers(tenant, id, managers, members);
        ProjectView after = get(tenant, id);
        audit.record(AuditEvent.change(tenant, "project.update", "project", id, before, after));
        return after;
    }

    /** The project's VIP list, highest priority first (cards deleted meanwhile left out). */
    public List<VipEntry> vips(TenantId tenant, UUID projectId) {
        get(tenant, projectId);
        return entries(tenant, projects.vips(tenant, projectId, null));
    }

    /** Puts the card on the project's VIP list, or changes its priority and note. */
    @Transactional
    public VipEntry putVip(TenantId tenant, UUID projectId, UUID customerId, VipDraft draft) {
        get(tenant, projectId);
        int priority = draft == null || draft.priority() == null ? 50 : draft.priority();
        if (priority < 1 || priority > 100) {
            throw new InvalidInputException("range", "priority", "A priority is 1 (lowest) to 100 (highest)");
        }
        String note = draft == null ? null : TextInput.line("note", draft.note(), 500);
        try {
            customers.get(tenant, customerId);
        } catch (NotFoundException e) {
            throw new NotFoundException("customer", customerId);
        }
        List<ProjectRepository.VipRow> before = projects.vips(tenant, projectId, List.of(customerId));
        projects.putVip(tenant, projectId, customerId, priority, note, clock.instant());
        VipEntry after = entries(tenant, projects.vips(tenant, projectId, List.of(customerId))).get(0);
        audit.record(AuditEvent.change(tenant, "project.vip_put", "project", projectId,
                before.isEmpty() ? null : before.get(0), after));
        return after;
    }

    @Transactional
    public void deleteVip(TenantId tenant, UUID projectId, UUID customerId) {
        get(tenant, projectId);
        List<ProjectRepository.VipRow> before = projects.vips(tenant, projectId, List.of(customerId));
        if (before.isEmpty()) {
            throw new NotFoundException("vip", customerId);
        }
        projects.deleteVip(tenant, projectId, customerId);
        audit.record(AuditEvent.change(tenant, "project.vip_delete", "project", projectId, before.get(0), null));
    }

    /** CRM-4: the active projects that hold this card as VIP, highest priority first; none when it is no VIP. */
    public List<VipEntry> vipOf(TenantId tenant, UUID customerId) {
        return entries(tenant, projects.vips(tenant, null, List.of(customerId)).stream()
                .filter(ProjectRepository.VipRow::projectActive).toList());
    }

    /**
     * CRM-4 for the IVR/ACD: the VIP entries of every card the caller's number matches (as the
     * switch gives it: {@code 8 495 123-45-67} finds {@code +74951234567}), highest priority
     * first; none for an unusable caller id.
     */
    public List<VipEntry> vipByPhone(TenantId tenant, String caller) {
        List<UUID> ids = customers.byPhone(tenant, caller).stream().map(CustomerSummary::id).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return entries(tenant, projects.vips(tenant, null, ids).stream()
                .filter(ProjectRepository.VipRow::projectActive).toList());
    }

    private List<VipEntry> entries(TenantId tenant, List<ProjectRepository.VipRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> names = new HashMap<>();
        // customers gives summaries only for cards that still exist
        for (CustomerSummary s : summaries(tenant, rows.stream().map(ProjectRepository.VipRow::customerId).distinct().toList())) {
            names.put(s.id(), s.displayName());
        }
        List<VipEntry> out = new ArrayList<>();
        for (ProjectRepository.VipRow r : rows) {
            if (names.containsKey(r.customerId())) {
                out.add(new VipEntry(r.projectId(), r.projectCode(), r.projectName(), r.customerId(),
                        names.get(r.customerId()), r.priority(), r.note(), r.addedAt()));
            }
        }
        return out;
    }

    private List<CustomerSummary> summaries(TenantId tenant, List<UUID> ids) {
        List<CustomerSummary> out = new ArrayList<>();
        for (UUID id : ids) {
            try {
                var c = customers.get(tenant, id);
                out.add(new CustomerSummary(c.id(), c.kind(), c.displayName(), c.organizationId(), c.phones(), c.emails()));
            } catch (NotFoundException e) {
                // the card was deleted: its VIP rows are skipped
            }
        }
        return out;
    }

    private List<UUID> people(TenantId tenant, String field, List<UUID> ids, int max) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > max) {
            throw new InvalidInputException("too_many", field, "At most " + max);
        }
        LinkedHashSet<UUID> distinct = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            if (id == null) {
                throw new InvalidInputException("required", field + "[" + i + "]", "A user id is required");
            }
            try {
                users.get(tenant, id);
            } catch (NotFoundException e) {
                throw new InvalidInputException("unknown_user", field + "[" + i + "]", "No user " + id + " in this tenant");
            }
            distinct.add(id);
        }
        return List.copyOf(distinct);
    }

    private static ConflictException stale() {
        return new ConflictException("stale_version", "version", "The project was changed meanwhile; reload it");
    }
}
